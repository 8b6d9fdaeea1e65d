// Disqus comments for the default theme, configured by the script tag's data attributes (no
// inline script, so a strict Content-Security-Policy holds), loaded only on the site's own host.
(() => {
  const tag = document.currentScript;
  if (!tag || location.hostname !== tag.dataset.host) return;
  const { url, id, shortname } = tag.dataset;
  // Disqus calls this with its config as `this`.
  window.disqus_config = function disqusConfig() {
    this.page.url = url;
    this.page.identifier = id;
  };
  const s = document.createElement('script');
  s.src = `https://${shortname}.disqus.com/embed.js`;
  s.setAttribute('data-timestamp', String(Date.now()));
  (document.head || document.body).appendChild(s);
})();

// Google Analytics (gtag) and Baidu Tongji for the default theme. The ids come from the script
// tag's data attributes, so pages carry no inline script and a strict Content-Security-Policy
// holds. Loaded only on the site's own host: a local preview stays out of the statistics.
(() => {
  const tag = document.currentScript;
  if (!tag || location.hostname !== tag.dataset.host) return;
  const load = (src) => {
    const s = document.createElement('script');
    s.async = true;
    s.src = src;
    document.head.appendChild(s);
  };
  const { google, baidu } = tag.dataset;
  if (google) {
    window.dataLayer = window.dataLayer || [];
    window.gtag = function gtag() {
      // biome-ignore lint/complexity/noArguments: gtag.js reads an Arguments object, not an array.
      window.dataLayer.push(arguments);
    };
    window.gtag('js', new Date());
    window.gtag('config', google);
    load(`https://www.googletagmanager.com/gtag/js?id=${encodeURIComponent(google)}`);
  }
  if (baidu) {
    window._hmt = window._hmt || [];
    load(`https://hm.baidu.com/hm.js?${encodeURIComponent(baidu)}`);
  }
})();

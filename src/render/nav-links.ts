// A nav link as meta.toml writes it ('/archive', '/about-me') → the URL of the page it names
// ('/archive.html'), so the built site works on a plain static file server, with no rewrites.

/**
 * The path a root-relative `link` names among `known` paths, trying what Pugo's own server tried
 * ('/x' → '/x.html', '/x/', '/x/index.html'; '/x/' → '/x.html'); the link as written when it
 * names none of them (an outside URL, a file, a page pugo does not make).
 */
export function resolveNavLink(link: string, known: (path: string) => boolean): string {
  if (!link.startsWith('/') || link.startsWith('//')) return link;
  const cut = link.search(/[?#]/);
  const path = cut === -1 ? link : link.slice(0, cut);
  const rest = cut === -1 ? '' : link.slice(cut);
  if (path === '/' || known(path)) return link;
  const last = path.slice(path.lastIndexOf('/') + 1);
  const candidates = path.endsWith('/')
    ? [`${path}index.html`, `${path.slice(0, -1)}.html`]
    : last.includes('.')
      ? []
      : [`${path}.html`, `${path}/`, `${path}/index.html`];
  const found = candidates.find(known);
  return found === undefined ? link : found + rest;
}

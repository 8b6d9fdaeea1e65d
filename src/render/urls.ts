// URL building: every link pugo makes, as Pugo 0.10 made it, so no inbound link breaks.

// Paths are kept decoded ('/tags/中文.html') everywhere inside pugo; links encode them (encodePath).

/** A tag's path segment: the tag as written; path separators become '-'. */
export function tagSegment(name: string): string {
  return name.replace(/[/\\]/g, '-').replace(/^\.{1,2}$/, (dots) => `tag${dots}`);
}

/** Characters encodeURIComponent leaves alone, plus '/': most paths need no work. */
const URL_SAFE = /^[A-Za-z0-9\-._~!*'()/]*$/;

/** Percent-encodes each segment of a decoded path, for an href. */
export function encodePath(path: string): string {
  if (URL_SAFE.test(path)) return path;
  return path.split('/').map(encodeURIComponent).join('/');
}

export function tagPath(name: string, page = 1): string {
  const seg = tagSegment(name);
  return page === 1 ? `/tags/${seg}.html` : `/tags/${seg}/${page}.html`;
}

export function indexPath(page: number): string {
  return page === 1 ? '/' : `/posts/${page}.html`;
}

export const FIXED_PATHS = {
  archive: '/archive.html',
  rss: '/feed.xml',
  atom: '/atom.xml',
  json: '/feed.json',
  sitemap: '/sitemap.xml',
} as const;

/** A root-relative link gets the site's base path; absolute and protocol-relative ones do not. */
export function withBase(base: string, link: string): string {
  if (!link.startsWith('/') || link.startsWith('//')) return link;
  return `${base}${link}`;
}

/** The file a URL path is written to under dest/: '/' → 'index.html', '/a/b.html' → 'a/b.html'. */
export function fileOfPath(path: string): string {
  return path.endsWith('/') ? `${path.slice(1)}index.html` : path.slice(1);
}

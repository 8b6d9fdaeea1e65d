// `@media/…` (Pugo's shorthand) and `//media/…` (found in real Pugo posts) → `<base>/media/…`.

/**
 * src= and href= attributes pointing into the media folder. `//media/x` would be a
 * protocol-relative link to a host named "media", which no post means: Pugo sites wrote it for
 * their own media folder, so it is read that way. `//media.example.com/` is left alone.
 */
const MEDIA_ATTR = /(\s(?:src|href)\s*=\s*["']?)(?:@media|\/\/media)(?=\/)/gi;
const MEDIA_URL = /^(?:@media|\/\/media)(?=\/)/i;

/** Rewrites media links in rendered HTML (markdown and raw HTML alike). */
export function rewriteMediaLinks(html: string, base: string): string {
  if (!html.includes('media/')) return html;
  return html.replace(MEDIA_ATTR, (_, attr: string) => `${attr}${base}/media`);
}

/** Rewrites one URL (a `thumb` field, say). */
export function rewriteMediaUrl(url: string, base: string): string {
  return url.replace(MEDIA_URL, () => `${base}/media`);
}

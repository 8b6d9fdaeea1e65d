// Pugo profile: bare URLs become links only with a scheme, as blackfriday's EXTENSION_AUTOLINK did.
import type MarkdownIt from 'markdown-it';

/**
 * blackfriday linked `http://`, `https://` and `ftp://` addresses written out in full; a bare
 * `fuxiaohei.me`, `www.example.com` or `me@example.com` stayed text (Pugo posts name domains in
 * passing all the time, and linkify-it's fuzzy matching turned `用回了更早买的.net` into a link).
 */
export function bareUrls(md: MarkdownIt): void {
  md.set({ linkify: true });
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
  // blackfriday knew no protocol-relative `//host` and wanted `mailto://`, which no one writes.
  md.linkify.add('//', null).add('mailto:', null);
}

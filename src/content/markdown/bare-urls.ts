// Pugo profile: bare URLs linked where blackfriday v1's EXTENSION_AUTOLINK linked them
// (inline.go's autoLink): `http://`, `https://` or `ftp://` written out, and nothing else.
import type MarkdownIt from 'markdown-it';
import type { StateInline } from 'markdown-it';

/** The letters right before `:`; blackfriday gave up past six (the length of "mailto"). */
const SCHEME = /(?:^|[^a-zA-Z])([a-zA-Z]{1,6})$/;
const SAFE = /^(?:https?|ftp):\/\/[a-zA-Z0-9]/i;
const CLOSERS: Record<string, string> = { '"': '"', "'": "'", ')': '(', ']': '[', '}': '{' };

/**
 * The URL's end, as blackfriday found it: the next space or `<` (pugo stops at the first
 * character outside ASCII too, so `http://x:1，就可以` links only the URL: see the README), less
 * a final `.` or `,`, a `;` not ending an entity, and a closing bracket opened before the URL.
 */
function urlEnd(src: string, start: number, max: number): number {
  let end = start;
  while (end < max && /[!-~]/.test(src[end]) && src[end] !== '<') end++;
  if ((src[end - 1] === '.' || src[end - 1] === ',') && src[end - 2] !== '\\') end--;
  if (
    src[end - 1] === ';' &&
    src[end - 2] !== '\\' &&
    !/&#?[a-zA-Z0-9]+;$/.test(src.slice(start, end))
  )
    end--;
  const open = CLOSERS[src[end - 1]];
  if (open !== undefined && closedBefore(src, end - 1, open)) end--;
  return end;
}

/** How far back on its line a URL's closing bracket looks for its opening one. */
const BRACKET_LOOKBACK = 1000;

/**
 * Whether the bracket at `close` matches one opened earlier on its line (blackfriday's scan,
 * which went back to the line's start: bounded here, or a line of 30,000 `http://a)` took 47 s).
 */
function closedBefore(src: string, close: number, open: string): boolean {
  let depth = 1;
  const stop = Math.max(0, close - BRACKET_LOOKBACK);
  for (let i = close - 1; i >= stop && src[i] !== '\n' && depth !== 0; i--) {
    if (src[i] === src[close]) depth++;
    if (src[i] === open) depth--;
  }
  return depth === 0;
}

function bareUrl(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  // Inside a link's text (blackfriday's insideLink); markdown-it's types leave linkLevel out.
  if (
    (state as StateInline & { linkLevel: number }).linkLevel > 0 ||
    src.charCodeAt(pos) !== 0x3a ||
    src.slice(pos + 1, pos + 3) !== '//'
  ) {
    return false;
  }
  const scheme = SCHEME.exec(state.pending)?.[1];
  if (scheme === undefined || !SAFE.test(scheme + src.slice(pos, pos + 4))) return false;
  const end = urlEnd(src, pos, state.posMax);
  const url = scheme + src.slice(pos, end);
  const href = state.md.normalizeLink(url);
  if (!state.md.validateLink(href)) return false;
  if (!silent) {
    state.pending = state.pending.slice(0, -scheme.length);
    const open = state.push('link_open', 'a', 1);
    open.attrs = [['href', href]];
    open.markup = 'linkify';
    open.info = 'auto';
    state.push('text', '', 0).content = state.md.normalizeLinkText(url);
    const close = state.push('link_close', 'a', -1);
    close.markup = 'linkify';
    close.info = 'auto';
  }
  state.pos = end;
  return true;
}

/**
 * blackfriday linked `http://`, `https://` and `ftp://` addresses, even right after a digit
 * (`v1.4http://…`); a bare `fuxiaohei.me`, `www.example.com` or `me@example.com` stayed text
 * (Pugo posts name domains in passing, and linkify-it's fuzzy matching made a link of
 * `用回了更早买的.net`). This rule takes the place of markdown-it's linkify.
 */
export function bareUrls(md: MarkdownIt): void {
  md.set({ linkify: false });
  md.inline.ruler.before('linkify', 'bare_urls', bareUrl);
}

// Pugo profile: code spans as blackfriday v1 read them (inline.go's codeSpan).
import type MarkdownIt from 'markdown-it';
import type { StateInline } from 'markdown-it';

const BACKTICK = 0x60;

/**
 * A run of n backticks opens a span that the next n backticks in a row close, even when they
 * are the start of a longer run, so `` `a``b` `` is two spans (CommonMark wants a run of exactly
 * n and reads one). Spaces either side of the code are dropped; an empty span renders nothing.
 * With no closer the first backtick is text and the next one may open a span of its own.
 */
function codeSpan(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  if (src.charCodeAt(pos) !== BACKTICK) return false;
  let n = 0;
  while (src.charCodeAt(pos + n) === BACKTICK) n++;
  let end = pos + n;
  let run = 0;
  while (end < posMax && run < n) {
    run = src.charCodeAt(end) === BACKTICK ? run + 1 : 0;
    end++;
  }
  if (run < n) return false;
  const code = src.slice(pos + n, end - n).replace(/^ +| +$/g, '');
  if (!silent && code !== '') {
    const token = state.push('code_inline', 'code', 0);
    token.markup = '`'.repeat(n);
    token.content = code;
  }
  state.pos = end;
  return true;
}

export function codeSpans(md: MarkdownIt): void {
  md.inline.ruler.at('backticks', codeSpan);
}

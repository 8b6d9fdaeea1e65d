// Pugo profile: code spans as blackfriday v1 read them (inline.go's codeSpan).
import type MarkdownIt from 'markdown-it';
import type { StateInline } from 'markdown-it';

const BACKTICK = 0x60;

/** Where the closer of an n-backtick opener is: the first n backticks in a row from `from`. */
interface Closer {
  /** Index just past the closing backticks, or -1 when no run of n follows. */
  end: number;
  /** The longest run after `from` (all of them were looked at when end is -1). */
  longest: number;
  /** Where the first run of that longest length starts. */
  longestAt: number;
}

function findCloser(src: string, from: number, max: number, n: number): Closer {
  let longest = 0;
  let longestAt = -1;
  let run = 0;
  for (let i = from; i < max; i++) {
    run = src.charCodeAt(i) === BACKTICK ? run + 1 : 0;
    if (run === n) return { end: i + 1, longest: n, longestAt: i + 1 - n };
    if (run > longest) [longest, longestAt] = [run, i + 1 - run];
  }
  return { end: -1, longest, longestAt };
}

/**
 * A run of n backticks opens a span that the next n backticks in a row close, even when they
 * are the start of a longer run, so `` `a``b` `` is two spans (CommonMark wants a run of exactly
 * n and reads one). Without a closer blackfriday made the first backtick text and tried again
 * one shorter: the whole run is settled here in one scan (the shortened opener that finds a
 * closer is the longest run that follows), which keeps 100,000 backticks linear.
 */
function codeSpan(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  if (src.charCodeAt(pos) !== BACKTICK) return false;
  let runEnd = pos;
  while (runEnd < posMax && src.charCodeAt(runEnd) === BACKTICK) runEnd++;
  let n = runEnd - pos;
  let closer = findCloser(src, runEnd, posMax, n);
  if (closer.end === -1 && closer.longest > 0) {
    n = closer.longest;
    closer = { ...closer, end: closer.longestAt + n };
  }
  if (closer.end === -1) n = 0;
  if (!silent) {
    state.pending += src.slice(pos, runEnd - n);
    const code = src.slice(runEnd, closer.end - n).replace(/^ +| +$/g, '');
    if (n > 0 && code !== '') {
      const token = state.push('code_inline', 'code', 0);
      token.markup = '`'.repeat(n);
      token.content = code;
    }
  }
  state.pos = n > 0 ? closer.end : runEnd;
  return true;
}

export function codeSpans(md: MarkdownIt): void {
  md.inline.ruler.at('backticks', codeSpan);
}

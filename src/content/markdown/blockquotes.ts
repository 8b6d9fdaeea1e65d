// Pugo profile: block quotes as blackfriday v1 read them. A `>` line right under a paragraph
// line is more of that paragraph; once a quote has begun, it goes on over lines without `>`
// (a heading, a list, a fence: all inside the quote) and over a blank line followed by `>`.
import type MarkdownIt from 'markdown-it';
import { blockRule, interruptsParagraph } from './named-rules.js';

const QUOTED = /^ {0,3}>/;
const FENCE = /^ {0,3}(```|~~~)/;
/** Where blackfriday could begin a block after a line: a blank line, a heading or a rule. */
const ENDS_BLOCK = /^(\s*|#{1,6} .*|(\s*[-*_]\s*){3,})$/;

/**
 * The body with each quote written out the way markdown-it needs to see blackfriday's: `> `
 * before its lazy lines and `>` on its inner blank lines. Lines are only prefixed, never added
 * or removed, so every token's line map still points into the source as written.
 */
export function quoteLines(src: string): string {
  const lines = src.split('\n');
  let inFence = false;
  let inQuote = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (inQuote) {
      if (QUOTED.test(line)) continue;
      if (line.trim() !== '') lines[i] = `> ${line}`;
      else if (QUOTED.test(lines[i + 1] ?? '')) lines[i] = '>';
      else inQuote = false;
      continue;
    }
    if (FENCE.test(line)) inFence = !inFence;
    else if (!inFence && QUOTED.test(line)) inQuote = i === 0 || ENDS_BLOCK.test(lines[i - 1]);
  }
  return lines.join('\n');
}

export function blockquotes(md: MarkdownIt): void {
  md.core.ruler.after('normalize', 'blackfriday_quotes', (state) => {
    if (state.src.includes('>')) state.src = quoteLines(state.src);
  });
  const quote = blockRule(md, 'blockquote');
  md.block.ruler.at(
    'blockquote',
    (state, start, end, silent) =>
      !interruptsParagraph(state, silent) && quote(state, start, end, silent),
    { alt: ['paragraph', 'reference', 'blockquote', 'list'] },
  );
}

// Pugo profile: block quotes as blackfriday v1 read them. A `>` line right under a paragraph
// line is more of that paragraph; once a quote has begun, it goes on over lines without `>`
// (a heading, a list, a fence: all inside the quote) and over a blank line followed by `>`.
import type MarkdownIt from 'markdown-it';
import { blockRule, interruptsParagraph } from './named-rules.js';

const QUOTED = /^ {0,3}>/;
const FENCE = /^ {0,3}(```|~~~)/;
/** A blank line, a heading or a rule: after one, blackfriday began a new block. */
const ENDS_BLOCK = /^(\s*|#{1,6} .*|(\s*[-*_]\s*){3,})$/;
/** So did a comment on its own line, when it was a block itself (not inside a paragraph). */
const COMMENT = /^<!--.*-->\s*$/;
const TABLE_DELIMITER = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** Where the last line left the scan: inside a fence or a table, or after a block's end. */
interface Scan {
  inFence: boolean;
  inTable: boolean;
  /** The line before ended a block (or there was none), so a `>` line here begins a quote. */
  blockEnded: boolean;
}

/** Advances the scan over one line outside a quote; true when that line begins a quote. */
function beginsQuote(scan: Scan, line: string, previous: string): boolean {
  const fence = FENCE.test(line);
  if (scan.inFence || fence) {
    scan.inFence = scan.inFence !== fence;
    scan.blockEnded = !scan.inFence;
    return false;
  }
  if (QUOTED.test(line) && (scan.blockEnded || scan.inTable)) return true;
  scan.inTable =
    line.includes('|') && (scan.inTable || (TABLE_DELIMITER.test(line) && previous.includes('|')));
  scan.blockEnded = ENDS_BLOCK.test(line) || (scan.blockEnded && COMMENT.test(line));
  return false;
}

/**
 * The body with each quote written out the way markdown-it needs to see blackfriday's: `> `
 * before its lazy lines and `>` on its inner blank lines. Lines are only prefixed, never added
 * or removed, so every token's line map still points into the source as written.
 */
export function quoteLines(src: string): string {
  const lines = src.split('\n');
  const scan: Scan = { inFence: false, inTable: false, blockEnded: true };
  let inQuote = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!inQuote) {
      inQuote = beginsQuote(scan, line, lines[i - 1] ?? '');
      continue;
    }
    if (QUOTED.test(line)) continue;
    if (line.trim() !== '') lines[i] = `> ${line}`;
    else if (QUOTED.test(lines[i + 1] ?? '')) lines[i] = '>';
    else {
      inQuote = false;
      Object.assign(scan, { inTable: false, blockEnded: true });
    }
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

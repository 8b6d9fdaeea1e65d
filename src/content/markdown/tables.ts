// Pugo profile: tables where blackfriday v1 found them (block.go's table and tableHeader).
import type MarkdownIt from 'markdown-it';
import type { StateBlock } from 'markdown-it';
import { blockRule, interruptsParagraph, lineText } from './named-rules.js';

/** `|---|:--:|`: each cell's dashes and colons together at least 3. */
function isBlackfridayDelimiterRow(line: string): boolean {
  const cells = line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
  return cells.every((cell) => /^:?-+:?$/.test(cell.trim()) && cell.trim().length >= 3);
}

/** blackfriday's table ended at the first line without a `|` (markdown-it's goes on). */
function rowsEnd(state: StateBlock, start: number, end: number): number {
  let line = start + 2;
  while (line < end && !state.isEmpty(line) && lineText(state, line).includes('|')) line++;
  return line;
}

/** Nor could a table end a paragraph: the lines were more of its text. */
export function tables(md: MarkdownIt): void {
  const table = blockRule(md, 'table');
  md.block.ruler.at(
    'table',
    (state, start, end, silent) => {
      if (interruptsParagraph(state, silent) || start + 1 >= end) return false;
      if (!isBlackfridayDelimiterRow(lineText(state, start + 1))) return false;
      return table(state, start, rowsEnd(state, start, end), silent);
    },
    { alt: ['paragraph', 'reference'] },
  );
}

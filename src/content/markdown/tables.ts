// Pugo profile: a table needs blackfriday v1's delimiter row, three dashes or colons a column.
import type MarkdownIt from 'markdown-it';
import { blockRule, lineText } from './block-rule.js';

/** `|---|:--:|`: each cell's dashes and colons together at least 3 (block.go's tableHeader). */
function isBlackfridayDelimiterRow(line: string): boolean {
  const cells = line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
  return cells.every((cell) => /^:?-+:?$/.test(cell.trim()) && cell.trim().length >= 3);
}

export function tables(md: MarkdownIt): void {
  const table = blockRule(md, 'table');
  md.block.ruler.at(
    'table',
    (state, start, end, silent) => {
      if (start + 1 >= end || !isBlackfridayDelimiterRow(lineText(state, start + 1))) return false;
      return table(state, start, end, silent);
    },
    { alt: ['paragraph', 'reference'] },
  );
}

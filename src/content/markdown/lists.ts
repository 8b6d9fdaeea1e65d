// Pugo profile: lists start where blackfriday v1 started them.
import type MarkdownIt from 'markdown-it';
import { blockRule, interruptsParagraph, lineText } from './named-rules.js';

/**
 * blackfriday needed a blank line between a paragraph and a list (a line `- a` right under text
 * was more of that text), except inside a list item, where `* a` under a line nests a list. It
 * knew `1.` but not CommonMark's `1)`.
 */
export function lists(md: MarkdownIt): void {
  const list = blockRule(md, 'list');
  md.block.ruler.at(
    'list',
    (state, start, end, silent) => {
      if (interruptsParagraph(state, silent) && state.listIndent < 0) return false;
      if (/^\d+\)/.test(lineText(state, start))) return false;
      return list(state, start, end, silent);
    },
    { alt: ['paragraph', 'reference', 'blockquote'] },
  );
}

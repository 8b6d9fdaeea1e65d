// Pugo profile: raw HTML is a block only for the tags blackfriday v1 took as blocks, so markdown
// inside `<center>`, `<span>` or `<img>` lines is rendered, as Pugo rendered it.

import type MarkdownIt from 'markdown-it';
import { blockRule, interruptsParagraph, lineText } from './block-rule.js';

/** blackfriday v1's blockTags (markdown.go); every other tag starts a paragraph of inline HTML. */
const BLOCK_TAGS = new Set(
  (
    'blockquote del div dl fieldset form h1 h2 h3 h4 h5 h6 iframe ins math noscript ol pre p ' +
    'script style table ul address article aside canvas details figcaption figure footer ' +
    'header hgroup main nav output progress section summary video'
  ).split(' '),
);

/** An opening block tag, a comment, `<hr>` or CDATA: what blackfriday's html() accepted. */
function startsBlock(line: string): boolean {
  if (/^<(!--|!\[CDATA\[|hr\b)/i.test(line)) return true;
  const tag = /^<([a-z][a-z0-9]*)/i.exec(line);
  return tag !== null && BLOCK_TAGS.has(tag[1].toLowerCase());
}

/** Nor did raw HTML end a paragraph: `text\n<div>` stays one paragraph in blackfriday. */
export function htmlBlocks(md: MarkdownIt): void {
  const html = blockRule(md, 'html_block');
  md.block.ruler.at(
    'html_block',
    (state, start, end, silent) => {
      if (interruptsParagraph(state, silent) || !startsBlock(lineText(state, start))) return false;
      return html(state, start, end, silent);
    },
    { alt: ['paragraph', 'reference', 'blockquote'] },
  );
}

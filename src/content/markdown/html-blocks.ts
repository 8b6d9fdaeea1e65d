// Pugo profile: raw HTML blocks as blackfriday v1 found them, so markdown inside `<center>`,
// `<span>` or `<img>` lines is rendered, as Pugo rendered it.

import type MarkdownIt from 'markdown-it';
import type { StateBlock } from 'markdown-it';
import { type BlockRule, blockRule, interruptsParagraph, lineText } from './named-rules.js';

/**
 * blackfriday v1's blockTags (markdown.go), lower case only; every other tag, and these written
 * in capitals, start a paragraph of inline HTML. `ins` and `del` are listed there but never
 * found their end (block.go skips them), so they are left out.
 */
const BLOCK_TAGS = new Set(
  (
    'blockquote div dl fieldset form h1 h2 h3 h4 h5 h6 iframe math noscript ol pre p ' +
    'script style table ul address article aside canvas details figcaption figure footer ' +
    'header hgroup main nav output progress section summary video'
  ).split(' '),
);

const isBlank = (state: StateBlock, line: number) => state.isEmpty(line);

/**
 * Where a search for a tag's end found none, by state, tag, end line and indent: a later start
 * searches a part of the same lines, so it finds none either. Without it 20,000 lines of
 * `<div>` took 25 s, each searching to the end of the post.
 */
const noEndFrom = new WeakMap<StateBlock, Map<string, number>>();

/**
 * The line holding the block's end: `</tag>` with nothing after it on the line, and then a blank
 * line or the end. blackfriday looked for it anywhere after the opening `<`, blank lines and all;
 * without one the "block" was a paragraph.
 */
function endLine(state: StateBlock, start: number, end: number, tag: string): number {
  const key = `${tag} ${end} ${state.blkIndent}`;
  const failed = noEndFrom.get(state) ?? new Map<string, number>();
  noEndFrom.set(state, failed);
  if (start >= (failed.get(key) ?? Number.POSITIVE_INFINITY)) return -1;
  const close = `</${tag}>`;
  for (let line = start; line < end; line++) {
    const text = state.src.slice(state.bMarks[line], state.eMarks[line]).trimEnd();
    const at = text.lastIndexOf(close);
    if (at === -1 || at + close.length !== text.length || (line === start && at === 0)) continue;
    if (line + 1 >= end || isBlank(state, line + 1)) return line;
  }
  failed.set(key, start);
  return -1;
}

function tagBlock(html: BlockRule): BlockRule {
  return (state, start, end, silent) => {
    const line = lineText(state, start);
    // Comments, <hr> and CDATA: markdown-it's rule finds them as blackfriday did.
    if (/^<(!--|!\[CDATA\[|hr\b)/i.test(line)) return html(state, start, end, silent);
    const tag = /^<([a-zA-Z0-9]+)/.exec(line)?.[1] ?? '';
    if (state.sCount[start] !== 0 || !BLOCK_TAGS.has(tag)) return false;
    const last = endLine(state, start, end, tag);
    if (last === -1) return false;
    if (silent) return true;
    const token = state.push('html_block', '', 0);
    token.map = [start, last + 1];
    token.content = state.getLines(start, last + 1, state.blkIndent, true);
    state.line = last + 1;
    return true;
  };
}

/** Nor did raw HTML end a paragraph: `text\n<div>` stays one paragraph in blackfriday. */
export function htmlBlocks(md: MarkdownIt): void {
  const block = tagBlock(blockRule(md, 'html_block'));
  md.block.ruler.at(
    'html_block',
    (state, start, end, silent) =>
      !interruptsParagraph(state, silent) && block(state, start, end, silent),
    { alt: ['paragraph', 'reference', 'blockquote'] },
  );
}

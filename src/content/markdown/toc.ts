// A post's table of contents, read from the heading tokens markdown-it already made.
import type { Token } from 'markdown-it';
import type { Heading } from '../../types.js';

/** h1 is the post title in every theme, and h5/h6 are too fine for a contents list. */
const MIN_LEVEL = 2;
const MAX_LEVEL = 4;

/** The text a reader sees in an inline token: text and code spans, without markup. */
export function inlineText(inline: Token | undefined): string {
  if (!inline?.children) return '';
  let text = '';
  for (const child of inline.children) {
    if (child.type === 'text' || child.type === 'code_inline') text += child.content;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') text += ' ';
  }
  return text.trim();
}

/** Headings h2–h4 in document order, with the ids heading-ids gave them. */
export function collectToc(tokens: Token[]): Heading[] {
  const toc: Heading[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type !== 'heading_open') continue;
    const level = Number(token.tag.slice(1));
    if (level < MIN_LEVEL || level > MAX_LEVEL) continue;
    toc.push({ level, id: token.attrGet('id') ?? '', text: inlineText(tokens[i + 1]) });
  }
  return toc;
}

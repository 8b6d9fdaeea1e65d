// Where a post's summary ends: its first <!--more--> (Pugo's and Hexo's marker).
import type { Token } from 'markdown-it';

/** `<!--more-->`, also written `<!-- more -->`. */
export const MORE = /<!--\s*more\s*-->/i;

/**
 * Where the first marker markdown-it saw as HTML is (one quoted in a code block does not count).
 * 'block': the usual marker on its own line, the top-level html_block `tokens[index]`; the post
 * splits there cleanly. 'nested': inside a paragraph, list or quote; `line` is the first line of
 * the top-level block holding it, so the source can be cut there instead.
 */
export type MoreBreak =
  | { kind: 'block'; index: number; head: string; tail: string }
  | { kind: 'nested'; line: number };

function hasInlineMarker(token: Token): boolean {
  return token.children?.some((c) => c.type === 'html_inline' && MORE.test(c.content)) ?? false;
}

function blockBreak(tokens: Token[], index: number): MoreBreak {
  const content = tokens[index].content;
  const m = MORE.exec(content) as RegExpExecArray;
  const tail = content.slice(m.index + m[0].length);
  return { kind: 'block', index, head: content.slice(0, m.index), tail };
}

/** The first marker of a parsed post, or null when it has none. */
export function findMoreBreak(tokens: Token[]): MoreBreak | null {
  let topBlockLine = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.level === 0 && token.nesting !== -1 && token.map) topBlockLine = token.map[0];
    if (token.type === 'html_block' && MORE.test(token.content)) {
      return token.level === 0 ? blockBreak(tokens, i) : { kind: 'nested', line: topBlockLine };
    }
    if (token.type === 'inline' && hasInlineMarker(token))
      return { kind: 'nested', line: topBlockLine };
  }
  return null;
}

/**
 * The source before a nested marker, searched from `line` on (so a marker quoted earlier in code
 * is not taken), and whether anything follows the marker.
 */
export function sourceBeforeMarker(
  body: string,
  line: number,
): { before: string; hasMore: boolean } {
  let offset = 0;
  for (let n = 0; n < line; n++) offset = body.indexOf('\n', offset) + 1;
  const re = new RegExp(MORE.source, 'gi');
  re.lastIndex = offset;
  const m = re.exec(body);
  // The tokens showed a marker from that line on, so this holds; if not, show the whole post.
  if (m === null) return { before: body, hasMore: false };
  const hasMore = body.slice(m.index + m[0].length).trim() !== '';
  return { before: body.slice(0, m.index), hasMore };
}

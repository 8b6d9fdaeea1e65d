// Pugo profile: SmartyPants over the text of each inline, cut into the runs blackfriday saw.
import type MarkdownIt from 'markdown-it';
import type { StateCore, Token } from 'markdown-it';
import { type Piece, smartypants } from './smartypants.js';

/**
 * blackfriday handed text to SmartyPants between two of its inline markers, each marker starting
 * a new run (quote state afresh) whether or not it became markup: `:` (autolinks), `&`, `\`, `<`,
 * `[`, backticks and the emphasis characters.
 */
const MARKERS = /(?=[*_~`[<\\&:])/;
/** The characters SmartyPants reacts to (smartypants.ts): text without them is left alone. */
const TRIGGERS = /["'(.`1-9]/;

function piecesToTokens(state: StateCore, pieces: Piece[], level: number): Token[] {
  return pieces.map((piece) => {
    const token = new state.Token(piece.html ? 'html_inline' : 'text', '', 0);
    token.content = piece.text;
    token.level = level;
    return token;
  });
}

/**
 * A text token becomes its runs, each through SmartyPants; `before` is '\n' at a line start,
 * `after` the first letter of a bare URL that follows (its scheme was part of blackfriday's run).
 */
function smarten(state: StateCore, token: Token, before: string, after: string): Token[] {
  // Most text holds nothing SmartyPants changes: left as it is, it costs no new tokens.
  if (!TRIGGERS.test(token.content)) return [token];
  const runs = token.content.split(MARKERS);
  return runs.flatMap((run, i) => {
    const pieces = smartypants(run, i === 0 ? before : '', i === runs.length - 1 ? after : '');
    return piecesToTokens(state, pieces, token.level);
  });
}

/** A link whose text is its URL: blackfriday wrote those escaped, as given. */
const isAutolink = (token: Token) => token.markup === 'linkify' || token.markup === 'autolink';

/**
 * Code, raw HTML, bare URLs and image alt text (a child list of the image token, not walked
 * here) were never SmartyPants'd by blackfriday; a backslash escape was a run of its own, and
 * entities stay as written.
 */
function smartenChildren(state: StateCore, children: Token[]): Token[] {
  const out: Token[] = [];
  let before = '';
  let inAutolink = false;
  children.forEach((child, i) => {
    if (child.type === 'link_open' || child.type === 'link_close') {
      inAutolink = child.type === 'link_open' && isAutolink(child);
    }
    const plain =
      child.type === 'text' || (child.type === 'text_special' && child.info === 'escape');
    const next = children[i + 1];
    // A bare URL's scheme ended blackfriday's run; `<` before an <autolink> is a marker itself.
    const after = next?.type === 'link_open' && next.markup === 'linkify' ? 'h' : '';
    if (plain && !inAutolink) {
      out.push(...smarten(state, child, child.type === 'text' ? before : '', after));
    } else out.push(child);
    before = child.type === 'softbreak' || child.type === 'hardbreak' ? '\n' : '';
  });
  return out;
}

/** Runs before text_join, while escapes and entities are still tokens of their own. */
export function smartText(md: MarkdownIt): void {
  md.core.ruler.before('text_join', 'smartypants', (state) => {
    for (const token of state.tokens) {
      if (token.type === 'inline' && token.children) {
        token.children = smartenChildren(state, token.children);
      }
    }
  });
}

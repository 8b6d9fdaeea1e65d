// Pugo profile: list items as blackfriday v1 gathered them (block.go's listItem): the lines
// after an item that it took in, and which items it wrapped in <p>.
import type MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

const ITEM = /^( {0,3})([-*+]|\d+\.)( +)/;
/** Any line that could begin an item: without one a post has no list to rewrite. */
const ANY_ITEM = /^ {0,3}([-*+]|\d+\.) /m;
const FENCE = /^ {0,3}(```|~~~)/;
const RULE = /^ {0,3}([-*_])( *\1){2,} *$/;
/** A blank line, a heading or a rule: after one, blackfriday could begin a list. */
const ENDS_BLOCK = /^(\s*|#{1,6} .*|(\s*[-*_]\s*){3,})$/;
/** So could it after a comment on its own line that was a block itself (`<!--more-->`). */
const COMMENT = /^<!--.*-->\s*$/;

/** Whether a list may begin at line i: after a block's end, a fence's end or a table row. */
function mayBeginList(lines: string[], i: number, fenceClosed: boolean): boolean {
  if (i === 0 || fenceClosed || ENDS_BLOCK.test(lines[i - 1]) || /^\|/.test(lines[i - 1])) {
    return true;
  }
  return COMMENT.test(lines[i - 1]) && (i === 1 || ENDS_BLOCK.test(lines[i - 2]));
}

interface Item {
  indent: number;
  marker: string;
  /** The column markdown-it reads the item's content from. */
  content: number;
}

function itemOf(line: string): Item | null {
  const m = ITEM.exec(line);
  if (!m || RULE.test(line)) return null;
  const spaces = m[3].length > 4 ? 1 : m[3].length;
  return { indent: m[1].length, marker: m[2], content: m[1].length + m[2].length + spaces };
}

const isOrdered = (marker: string) => /\d/.test(marker);

/** A line of the item moved to its content column, less the four spaces blackfriday dropped. */
function intoItem(item: Item, line: string): string {
  const lead = /^ */.exec(line)?.[0].length ?? 0;
  return ' '.repeat(item.content) + line.slice(Math.min(lead, 4));
}

interface Scan {
  item: Item | null;
  blank: boolean;
  inFence: boolean;
  /** blackfriday's LIST_ITEM_CONTAINS_BLOCK: once set, this item and the rest are blocks. */
  block: boolean;
  /** Rules right under the current item's text, settled when the item ends. */
  rules: number[];
}

/**
 * A rule under an item's text: in an item blackfriday rendered as blocks, a rule (markdown-it
 * sees the same at the item's content column); in one rendered as inline text, more text.
 */
function settleRules(scan: Scan, lines: string[]): void {
  const content = ' '.repeat((scan.item as Item).content);
  for (const i of scan.rules)
    lines[i] = `${content}${scan.block ? '' : '\\'}${lines[i].trimStart()}`;
  scan.rules = [];
}

/** The next item of the same list, written with the first item's marker (markdown-it agrees). */
function nextItem(scan: Scan, line: string, next: Item): string {
  const item = scan.item as Item;
  if (scan.blank) scan.block = true;
  scan.blank = false;
  scan.item = {
    ...next,
    marker: item.marker,
    content: next.content - next.marker.length + item.marker.length,
  };
  return `${' '.repeat(next.indent)}${item.marker}${line.slice(next.indent + next.marker.length)}`;
}

/** Line i after an item began, rewritten as markdown-it should see it; false: the list ended. */
function gather(scan: Scan, lines: string[], i: number): boolean {
  const item = scan.item as Item;
  const line = lines[i];
  if (line.trim() === '') {
    scan.blank = true;
    return true;
  }
  const indent = Math.min(4, /^ */.exec(line)?.[0].length ?? 0);
  const chunk = line.slice(indent);
  if (scan.inFence || FENCE.test(chunk)) {
    // blackfriday kept a fence in the item, even past a blank line (its fence-after-list bug),
    // and still counted that blank line after the fence's end.
    if (FENCE.test(chunk)) scan.inFence = !scan.inFence;
    if (!scan.inFence) scan.block = true;
    lines[i] = intoItem(item, line);
    return true;
  }
  const next = itemOf(line);
  if (next && indent <= item.indent) {
    if (scan.blank && isOrdered(next.marker) !== isOrdered(item.marker)) return false;
    settleRules(scan, lines);
    lines[i] = nextItem(scan, line, next);
    return true;
  }
  const blank = scan.blank;
  scan.blank = false;
  if (blank && indent < 4 && !next) return false;
  if (blank || /^#{1,6} /.test(chunk)) scan.block = true;
  if (next) return true;
  if (!blank && RULE.test(line)) scan.rules.push(i);
  // Every other line is the item's: at its content column markdown-it agrees (a heading too).
  else lines[i] = intoItem(item, line);
  return true;
}

/**
 * The body with each top-level list written out the way markdown-it needs to see blackfriday's:
 * a heading or fence it took into an item indented into it, a rule under an item's text made
 * text or left a rule as blackfriday rendered the item, and every item in the first item's
 * marker. Lines are changed, never added or removed.
 */
export function listLines(src: string): string {
  const lines = src.split('\n');
  const scan: Scan = { item: null, blank: false, inFence: false, block: false, rules: [] };
  let outerFence = false;
  for (let i = 0; i < lines.length; i++) {
    if (scan.item) {
      if (gather(scan, lines, i)) continue;
      settleRules(scan, lines);
      Object.assign(scan, { item: null, blank: false, inFence: false, block: false });
    }
    const fenceClosed = i > 0 && !outerFence && FENCE.test(lines[i - 1]);
    if (FENCE.test(lines[i])) outerFence = !outerFence;
    else if (!outerFence && mayBeginList(lines, i, fenceClosed)) scan.item = itemOf(lines[i]);
  }
  if (scan.item) settleRules(scan, lines);
  return lines.join('\n');
}

/** The direct items of the list opened at `open`, as [open, close] token indexes. */
function itemsOf(tokens: Token[], open: number): [number, number][] {
  const items: [number, number][] = [];
  const level = tokens[open].level + 1;
  for (let i = open + 1; i < tokens.length && tokens[i].level >= level; i++) {
    if (tokens[i].type === 'list_item_open' && tokens[i].level === level) items.push([i, i]);
    if (tokens[i].type === 'list_item_close' && tokens[i].level === level)
      items[items.length - 1][1] = i;
  }
  return items;
}

/**
 * blackfriday wrapped an item's text in <p> once a blank line had come inside or after it, or
 * it held a heading or fence, and every item after that one too; CommonMark decides for the
 * whole list. `blankLines` marks the source's blank lines.
 */
function looseItems(tokens: Token[], open: number, blankLines: boolean[]): void {
  const items = itemsOf(tokens, open);
  let loose = false;
  items.forEach(([start, end], k) => {
    const from = tokens[start].map?.[0] ?? 0;
    const to =
      k + 1 < items.length
        ? (tokens[items[k + 1][0]].map?.[0] ?? from)
        : lastText(tokens, start, end);
    const inner = tokens.slice(start + 1, end);
    loose ||= blankLines.slice(from, to).includes(true);
    loose ||= inner.some(
      (t) => t.level === tokens[start].level + 1 && /^(heading|fence)/.test(t.type),
    );
    for (const t of inner) {
      if (t.level === tokens[start].level + 1 && t.type.startsWith('paragraph')) t.hidden = !loose;
    }
  });
}

/** The line after the last one holding text in an item (its trailing blank lines do not count). */
function lastText(tokens: Token[], start: number, end: number): number {
  let last = tokens[start].map?.[0] ?? 0;
  for (let i = start + 1; i < end; i++) last = Math.max(last, tokens[i].map?.[1] ?? 0);
  return last;
}

export function listItems(md: MarkdownIt): void {
  md.core.ruler.after('normalize', 'blackfriday_lists', (state) => {
    if (ANY_ITEM.test(state.src)) state.src = listLines(state.src);
  });
  md.core.ruler.after('block', 'blackfriday_loose_items', (state) => {
    let blankLines: boolean[] | null = null;
    state.tokens.forEach((token, i) => {
      if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
        blankLines ??= state.src.split('\n').map((line) => line.trim() === '');
        looseItems(state.tokens, i, blankLines);
      }
    });
  });
}

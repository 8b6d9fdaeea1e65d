// What a reader sees of rendered markdown, as a flat list: headings, emphasis, images, tables,
// code, list items, links and paragraphs, each with its text, so two renderers can be compared
// by what they mean rather than by their bytes.
import { Parser } from 'htmlparser2';

/** Elements kept, by tag, with the name they are listed under (b and strong mean the same). */
const KINDS: Record<string, string> = {
  h1: 'h1',
  h2: 'h2',
  h3: 'h3',
  h4: 'h4',
  h5: 'h5',
  h6: 'h6',
  strong: 'strong',
  b: 'strong',
  em: 'em',
  i: 'em',
  del: 'del',
  s: 'del',
  p: 'p',
  li: 'li',
  th: 'cell',
  td: 'cell',
  tr: 'row',
  table: 'table',
  pre: 'code',
  blockquote: 'quote',
  a: 'a',
  img: 'img',
  hr: 'hr',
};

interface Open {
  tag: string;
  index: number;
  text: string;
}

/** Runs of white space as one space: line breaks inside a paragraph are a renderer's choice. */
function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function opened(tag: string, attrs: Record<string, string>): string {
  if (tag === 'a') return `a ${attrs.href ?? ''}`;
  if (tag === 'img') return `img ${attrs.src ?? ''} ${attrs.alt ?? ''}`;
  return KINDS[tag];
}

/** The structure of `html`: one line per kept element, in the order they open. */
export function structureOf(html: string): string[] {
  const items: string[] = [];
  const open: Open[] = [];
  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        if (!(tag in KINDS)) return;
        const index = items.push(opened(tag, attrs)) - 1;
        if (tag !== 'img' && tag !== 'hr') open.push({ tag, index, text: '' });
        // A heading's id as an item of its own, so a comparison can tell ids from text.
        if (/^h[1-6]$/.test(tag) && attrs.id) items.push(`id ${attrs.id}`);
      },
      ontext(text) {
        for (const o of open) o.text += text;
      },
      onclosetag(tag) {
        const at = open.findLastIndex((o) => o.tag === tag);
        if (at === -1) return;
        const [o] = open.splice(at, 1);
        if (tag === 'table' || tag === 'tr') return;
        const text = tag === 'pre' ? o.text.replace(/\n+$/, '') : squash(o.text);
        items[o.index] += `: ${text}`;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.end(html);
  return items;
}

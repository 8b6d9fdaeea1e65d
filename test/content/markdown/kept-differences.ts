// Where pugo's "pugo" profile renders differently from Pugo 0.10's blackfriday on purpose, each
// with the reason and with how the parity test looks past it: one list, read top to bottom.
import { renumberLevels } from '../../../src/content/markdown/heading-levels.js';

export interface KeptDifference {
  name: string;
  why: string;
  /** Rewrites what blackfriday is given, so it renders what pugo renders on purpose. */
  oracleInput?: (markdown: string) => string;
  /** Normalises both structures alike (structure.ts lists), pugo's first. */
  structures?: (pugo: string[], blackfriday: string[]) => [string[], string[]];
}

const HEADING = /^h([1-6])(: .*)$/;

function renumber(items: string[]): string[] {
  const levels = renumberLevels(items.flatMap((item) => HEADING.exec(item)?.[1] ?? []).map(Number));
  let n = 0;
  return items.map((item) => item.replace(HEADING, (_, _level, rest) => `h${levels[n++]}${rest}`));
}

/** An autolink (its text is its href) cut at the first character outside ASCII. */
function cutAutolink(item: string): string {
  const m = /^a (\S+): (\S+)$/.exec(item);
  if (!m || m[1] !== m[2]) return item;
  const url = m[1].replace(/[^\x21-\x7e].*$/, '');
  return `a ${url}: ${url}`;
}

const CJK_AFTER =
  /(^|[^*\\])\*([^*\s](?:[^*]*[^*\s])?)\*(?=[\p{sc=Han}\u3000-\u303f\uff00-\uffef])/gu;

export const KEPT: readonly KeptDifference[] = [
  {
    name: 'heading levels',
    why: "pugo ranks a post's heading levels to sit under the page's h1 (heading-levels.ts); blackfriday kept them as written",
    structures: (pugo, bf) => [renumber(pugo), renumber(bf)],
  },
  {
    name: 'heading ids',
    why: 'pugo gives every heading an id (table of contents, shared links); blackfriday gave ids to `{#id}` headings only (Pugo set HEADER_IDS, not AUTO_HEADER_IDS), and those ids must match',
    structures: (pugo, bf) => {
      const ids = new Set(bf.filter((item) => item.startsWith('id ')));
      return [pugo.filter((item) => !item.startsWith('id ') || ids.has(item)), bf];
    },
  },
  {
    name: 'code highlighting',
    why: 'pugo highlights fenced code with highlight.js (spans, an hljs class, the language as written); code blocks are compared by their text, which structure.ts reads without markup',
  },
  {
    name: 'strikethrough tag',
    why: 'markdown-it writes ~~x~~ as <s>, blackfriday as <del>: the same to a reader, both listed as del',
  },
  {
    name: 'single emphasis before CJK',
    why: 'blackfriday compared bytes, so after `*强调*` every CJK character or full-width mark counted as a letter of the same word and the asterisks stayed; pugo emphasises, as the author meant (emphasis-flanking.ts)',
    oracleInput: (markdown) => markdown.replace(CJK_AFTER, '$1<em>$2</em>'),
  },
  {
    name: 'where a bare URL ends',
    why: 'blackfriday ran a bare URL on to the next space or <, so `http://localhost:12345，就可以看到` linked the Chinese text too; pugo ends it where linkify-it ends a URL. Compared up to the first non-ASCII character',
    structures: (pugo, bf) => [pugo.map(cutAutolink), bf.map(cutAutolink)],
  },
];

export function oracleInput(markdown: string): string {
  return KEPT.reduce((text, kept) => kept.oracleInput?.(text) ?? text, markdown);
}

export function normalised(pugo: string[], bf: string[]): [string[], string[]] {
  return KEPT.reduce<[string[], string[]]>(
    (pair, kept) => kept.structures?.(pair[0], pair[1]) ?? pair,
    [pugo, bf],
  );
}

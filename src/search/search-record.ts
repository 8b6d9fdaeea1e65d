// What search keeps of one post or page, and the keywords related posts are ranked by: both
// from one pass over the words of the title, tags and body, made at parse time (on the parse
// workers) from the tokens the render already has. The terms go in the store's `search`
// keyspace beside the entry; the keywords in the entry.

import type { Token } from 'markdown-it';
import { keywordsFrom } from '../content/markdown/keywords.js';
import { makeTokenizer } from './words.js';

/** What the index is made of, as the store keeps it. */
export interface SearchTerms {
  /** Terms in the title, tags and body (code included). */
  len: number;
  /**
   * Each term and its weight, flat: term, weight, term, weight … A title's or tag's occurrence
   * weighs TITLE_WEIGHT, the body's one. (An array, not an object: JSON.parse made 400,000
   * object keys for 1,000 posts in twice the time it reads the same pairs as arrays.)
   */
  terms: (string | number)[];
}

export interface EntryWords {
  search: SearchTerms;
  /** The words title and prose use most (keywords.ts). */
  keywords: string[];
}

/** A word in the title or a tag says more of what a post is about than one in the body. */
const TITLE_WEIGHT = 5;
/** The title's weight among the keywords (keywords.ts). */
const KEYWORD_TITLE_WEIGHT = 3;

const tokenizer = makeTokenizer();

/** The prose of a body (what a reader reads aloud) and its code, each as one text. */
function textsOf(tokens: Token[]): { prose: string; code: string } {
  const prose: string[] = [];
  const code: string[] = [];
  for (const token of tokens) {
    if (token.type === 'fence' || token.type === 'code_block') code.push(token.content);
    else if (token.type === 'inline' && token.children) {
      for (const child of token.children) {
        if (child.type === 'text' || child.type === 'image') prose.push(child.content);
        else if (child.type === 'code_inline') code.push(child.content);
      }
    }
  }
  return { prose: prose.join('\n'), code: code.join('\n') };
}

/**
 * The search terms of an entry and its keywords. Search reads everything, code included (a
 * reader searches for `pprof`); keywords read the title and the prose only, as before.
 */
export function entryWords(title: string, tags: readonly string[], tokens: Token[]): EntryWords {
  const { prose, code } = textsOf(tokens);
  const weights = new Map<string, number>();
  const add = (terms: string[], weight: number) => {
    for (const term of terms) weights.set(term, (weights.get(term) ?? 0) + weight);
  };
  const titleTerms = tokenizer.terms(title);
  const proseTerms = tokenizer.terms(prose);
  add(proseTerms, 1);
  add(titleTerms, KEYWORD_TITLE_WEIGHT);
  const keywords = keywordsFrom(weights);
  add(titleTerms, TITLE_WEIGHT - KEYWORD_TITLE_WEIGHT);
  let len = titleTerms.length + proseTerms.length;
  for (const tag of tags) {
    const terms = tokenizer.terms(tag);
    add(terms, TITLE_WEIGHT);
    len += terms.length;
  }
  const codeTerms = tokenizer.terms(code);
  add(codeTerms, 1);
  len += codeTerms.length;
  const flat: (string | number)[] = [];
  for (const [term, weight] of weights) flat.push(term, weight);
  return { search: { len, terms: flat }, keywords };
}

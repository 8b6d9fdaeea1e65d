// What search keeps of one post or page: its terms with their weights, and its prose for the
// passages results show. Made at parse time from the tokens the render already has, on the
// parse workers, and kept in the store's `search` keyspace beside the entry.

import type { Token } from 'markdown-it';
import { makeTokenizer } from './words.js';

/** What the index is made of: kept in the store's `search` keyspace, read whole by a server. */
export interface SearchTerms {
  /** Terms in the title and prose (code included), tags counting as title. */
  len: number;
  /** Each term's weight: a title's or tag's occurrence counts TITLE_WEIGHT, the body's one. */
  terms: Record<string, number>;
}

export interface SearchRecord extends SearchTerms {
  /**
   * The prose and code as plain text, spaces collapsed, at most MAX_TEXT characters: kept in
   * the `texts` keyspace, read only for the results shown.
   */
  text: string;
}

/** A word in the title or a tag says more of what a post is about than one in the body. */
const TITLE_WEIGHT = 5;

/**
 * Passages come from the first this many characters: a post of a megabyte still finds its
 * words (every term is indexed), and its passage shows the beginning when the match is later.
 */
const MAX_TEXT = 50_000;

const tokenizer = makeTokenizer();

/** The prose and code of a body, block by block, as a reader would read it aloud. */
function plainText(tokens: Token[]): string {
  const parts: string[] = [];
  for (const token of tokens) {
    if (token.type === 'fence' || token.type === 'code_block') parts.push(token.content);
    else if (token.type === 'inline' && token.children) {
      for (const child of token.children) {
        if (child.type === 'text' || child.type === 'code_inline') parts.push(child.content);
        else if (child.type === 'softbreak' || child.type === 'hardbreak') parts.push(' ');
        else if (child.type === 'image') parts.push(child.content);
      }
    }
    parts.push(' ');
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

export function searchRecordOf(
  title: string,
  tags: readonly string[],
  tokens: Token[],
): SearchRecord {
  const terms: Record<string, number> = Object.create(null);
  let len = 0;
  const add = (text: string, weight: number) => {
    for (const term of tokenizer.terms(text)) {
      terms[term] = (terms[term] ?? 0) + weight;
      len++;
    }
  };
  add(title, TITLE_WEIGHT);
  for (const tag of tags) add(tag, TITLE_WEIGHT);
  const text = plainText(tokens);
  add(text, 1);
  return { len, terms, text: text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text };
}

/** The record as the store keeps it: terms and text apart (the index never reads the text). */
export function encodeSearch({ len, terms, text }: SearchRecord): { terms: string; text: string } {
  return { terms: JSON.stringify({ len, terms }), text: JSON.stringify(text) };
}

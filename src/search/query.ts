// A search query as a request gives it: read strictly, bounded in length and in words, so that
// no query costs more than any other much; what is refused says why, with a 400.

import { makeTokenizer, type QueryWord } from './words.js';

/** Longer than any question a reader types; a pasted page is refused, not searched. */
export const MAX_QUERY_LENGTH = 200;
/** Each word is one pass over its postings (a CJK run is one word per pair of characters). */
export const MAX_QUERY_WORDS = 24;

export interface SearchQuery {
  q: string;
  words: QueryWord[];
}

const tokenizer = makeTokenizer();

/** The words a query is searched by. */
export function queryWords(q: string): QueryWord[] {
  return tokenizer.query(q);
}

/**
 * The `q` of a query string: null when there is none (the search page itself), a string saying
 * what is wrong when it cannot be searched, else the query and its words. Other parameters
 * (a tracker's utm_source) are let be.
 */
export function readSearchQuery(querystring: string): SearchQuery | string | null {
  let q: string | null = null;
  for (const pair of querystring.split('&')) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (name !== 'q') continue;
    if (q !== null) return 'the query names q more than once';
    try {
      q = decodeURIComponent((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '));
    } catch {
      return 'the query q is not percent-encoded UTF-8';
    }
  }
  if (q === null) return null;
  // Control characters are spaces to a reader; Unicode's own length, not UTF-16's, is bounded.
  q = q.replace(/\p{Cc}/gu, ' ').trim();
  if ([...q].length > MAX_QUERY_LENGTH) {
    return `the query q is longer than ${MAX_QUERY_LENGTH} characters`;
  }
  const words = queryWords(q);
  if (words.length > MAX_QUERY_WORDS) return `the query q has more than ${MAX_QUERY_WORDS} words`;
  return { q, words };
}

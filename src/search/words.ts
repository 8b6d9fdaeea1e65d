// The words search knows a text by, and how a query's words find and rank posts: one set of
// functions for the index (made at sync time, on the parse workers), for the server's answers
// and for the built search page, whose script embeds these very functions (search-script.ts).
// Each is therefore self-contained: no imports, no module state, nothing but its own body.

/** One word of a query: a term of the index, or the start of terms when `prefix`. */
export interface QueryWord {
  term: string;
  prefix: boolean;
}

/** The terms of `text` as the index and queries split it. */
export interface Tokenizer {
  /** Every term of `text`, in order, repeats kept (the index counts them). */
  terms(text: string): string[];
  /** A query's words; each must match (a CJK word is its overlapping pairs, each a word). */
  query(text: string): QueryWord[];
}

/**
 * Latin-script (and Cyrillic, Greek, Hangul …) text is split at anything not a letter, digit
 * or mark. Chinese and Japanese have no spaces: a run of Han, Hiragana and Katakana is indexed
 * as its overlapping pairs of characters ('内存泄露' → 内存, 存泄, 泄露), and a query's run
 * likewise, so any word of two characters or more is found wherever it is written, without a
 * dictionary. Intl.Segmenter's words were measured instead and not kept: on 1,000 generated
 * posts (4.3 M characters) the pairs took 0.16-0.24 s and Segmenter 3.2-4.0 s, and its words
 * split by its own dictionary ('排查' as 排|查), which a query would have to split alike. A
 * run of one character is that character; a query of one character finds the pairs it starts.
 *
 * NFKC folds full-width letters to their ASCII forms ('ｐｐｒｏｆ' → 'pprof'), then case is folded.
 */
export function makeTokenizer(): Tokenizer {
  const CJK_RUN = /([\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30fc]+)/u;
  const WORD = /[\p{L}\p{N}\p{M}]+/gu;
  /** Longer terms are cut: a 5,000-letter "word" is a pasted blob, not something searched for. */
  const MAX_TERM = 32;
  const split = (text: string, out: (term: string, cjk: boolean) => void) => {
    const parts = text.normalize('NFKC').toLowerCase().split(CJK_RUN);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (i % 2 === 1) {
        const chars = Array.from(part);
        if (chars.length === 1) out(chars[0], true);
        for (let c = 0; c + 1 < chars.length; c++) out(chars[c] + chars[c + 1], true);
        continue;
      }
      for (const [word] of part.matchAll(WORD)) {
        // One Latin letter says nothing ('a', 'x'); a lone digit or Hangul syllable may.
        if (word.length < 2 && /^[a-z]$/.test(word)) continue;
        out(word.length > MAX_TERM ? word.slice(0, MAX_TERM) : word, false);
      }
    }
  };
  return {
    terms(text) {
      const terms: string[] = [];
      split(text, (term) => terms.push(term));
      return terms;
    },
    query(text) {
      const words: QueryWord[] = [];
      const seen = new Set<string>();
      split(text, (term, cjk) => {
        if (seen.has(term)) return;
        seen.add(term);
        // A Latin word also finds the words it starts ('leak' → 'leaks'); a pair is a whole term.
        words.push({ term, prefix: !cjk || Array.from(term).length === 1 });
      });
      return words;
    },
  };
}

/** A term's postings, flat: document, weight, document, weight … (documents ascending). */
export type Postings = ArrayLike<number>;

/** What ranking reads of the index: terms, their postings, and each document's length. */
export interface RankInput {
  postings(term: string): Postings | undefined;
  /** Every term of the index that starts with `prefix`, itself included if it is one. */
  termsStarting(prefix: string): string[];
  /** Each document's length in terms, by document number. */
  lengths: ArrayLike<number>;
  averageLength: number;
}

/**
 * The documents matching every word, best first, as [document, score]. Score is BM25 (k1 1.2,
 * b 0.75) over weights that count a title's and a tag's terms more than the body's. A prefix
 * word counts the best of the terms it starts, the word itself fully and a longer term at 0.7,
 * and at most 24 of them (those in the most documents): a query of 'a…' costs the same as any.
 * Ties go to the lower document number, the newer post.
 */
export function rankDocuments(words: QueryWord[], index: RankInput): [number, number][] {
  const n = index.lengths.length;
  const EXPANSIONS = 24;
  let scores: Map<number, number> | null = null;
  for (const word of words) {
    let terms = word.prefix ? index.termsStarting(word.term) : [word.term];
    if (terms.length > EXPANSIONS) {
      const size = (t: string) => index.postings(t)?.length ?? 0;
      terms = terms
        .filter((t) => t !== word.term)
        .sort((a, b) => size(b) - size(a) || (a < b ? -1 : 1))
        .slice(0, EXPANSIONS - 1)
        .concat(index.postings(word.term) ? [word.term] : []);
    }
    const found = new Map<number, number>();
    for (const term of terms) {
      const list = index.postings(term);
      if (!list) continue;
      const df = list.length / 2;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const boost = term === word.term ? 1 : 0.7;
      for (let i = 0; i < list.length; i += 2) {
        const doc = list[i];
        const tf = list[i + 1];
        const norm = 1.2 * (0.25 + (0.75 * index.lengths[doc]) / (index.averageLength || 1));
        const score = (boost * idf * tf * 2.2) / (tf + norm);
        if (score > (found.get(doc) ?? 0)) found.set(doc, score);
      }
    }
    if (scores === null) scores = found;
    else {
      const before: Map<number, number> = scores;
      scores = new Map();
      for (const [doc, score] of before) {
        const more = found.get(doc);
        if (more !== undefined) scores.set(doc, score + more);
      }
    }
    if (scores.size === 0) break;
  }
  return [...(scores ?? [])].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

/**
 * A passage of `text` around the first place a query's word is found, as HTML: escaped, each
 * place a word is found in <mark>, '…' where it is cut. A prefix word is marked to the end of
 * the word it starts. `text` is the post's prose as stored (search-record.ts), case kept.
 */
export function excerptHtml(text: string, words: QueryWord[], width = 200): string {
  const lower = text.toLowerCase();
  // Case folding can change a length ('İ'); then positions are looked up in the text itself.
  const hay = lower.length === text.length ? lower : text;
  const marks: [number, number][] = [];
  const isWordChar = (c: string) => /[\p{L}\p{N}\p{M}]/u.test(c);
  for (const word of words) {
    for (let at = hay.indexOf(word.term); at >= 0; at = hay.indexOf(word.term, at + 1)) {
      let end = at + word.term.length;
      if (word.prefix && /^[\p{L}\p{N}]/u.test(word.term)) {
        while (end < hay.length && isWordChar(hay[end])) end++;
      }
      marks.push([at, end]);
      if (marks.length > 200) break;
    }
  }
  marks.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  // Overlapping and touching marks are one: a CJK word's pairs overlap ('内存', '存泄', '泄露').
  const merged: [number, number][] = [];
  for (const mark of marks) {
    const last = merged[merged.length - 1];
    if (last && mark[0] <= last[1]) last[1] = Math.max(last[1], mark[1]);
    else merged.push([mark[0], mark[1]]);
  }
  const first = merged.length ? merged[0][0] : 0;
  let start = Math.max(0, first - Math.floor(width / 3));
  if (start > 0) {
    const space = text.lastIndexOf(' ', first);
    if (space > start - 20 && space < first) start = space + 1;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const space = text.indexOf(' ', end);
    if (space > 0 && space - end < 20) end = space;
  }
  const escaped = (s: string) =>
    s.replace(/[&<>"]/g, (c) =>
      c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
    );
  let html = start > 0 ? '…' : '';
  let at = start;
  for (const [from, to] of merged) {
    if (to <= at || from >= end) continue;
    const a = Math.max(from, at);
    const b = Math.min(to, end);
    html += `${escaped(text.slice(at, a))}<mark>${escaped(text.slice(a, b))}</mark>`;
    at = b;
  }
  html += escaped(text.slice(at, end));
  return end < text.length ? `${html}…` : html;
}

/**
 * Which file of the static index holds `term`: by its first two characters when it starts with
 * a Latin letter (a query's Latin word has two at least: the tokenizer drops single letters),
 * else by its first (a query of one CJK character or digit finds every term it starts). So
 * every term a query's word starts is in the file of that word. By first character alone, 's'
 * and 'c' made files seven times the average.
 */
export function shardOf(term: string, shards: number): number {
  const first = term.charCodeAt(0);
  if (first >= 97 && first <= 122 && term.length > 1) {
    return (first * 31 + term.charCodeAt(1)) % shards;
  }
  return (term.codePointAt(0) ?? 0) % shards;
}

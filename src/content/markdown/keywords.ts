// A post's keywords: the words of its title and prose it uses most, for ranking related posts
// (site/related.ts). Found at sync time, from the tokens the render already has, and stored.
import type { Token } from 'markdown-it';

/** Keywords kept a post: enough to find its neighbours, few enough to rank 10,000 posts fast. */
const KEPT = 10;

/** A title's word counts this many times a body's: it says what the post is about. */
const TITLE_WEIGHT = 3;

/** English words too common to say what a post is about. */
const STOPWORDS = new Set(
  `about above after again against all also and any are because been before being below between
  both but can could did does doing down during each few for from further had has have having
  her here hers herself him himself his how into its itself just let more most much must nor
  not now off once only other our ours out over own same she should some such than that the
  their theirs them then there these they this those through too under until use used uses
  using very was were what when where which while who whom why will with would you your yours
  yourself one two get got like make made way well via per yes within without`.split(/\s+/),
);

/** Han, Hiragana, Katakana: text with no spaces, split into words by Intl.Segmenter. */
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const LATIN_WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

let segmenter: Intl.Segmenter | null = null;

/** Adds the words of `text` to `counts`, `weight` each. */
function addWords(counts: Map<string, number>, text: string, weight: number): void {
  const add = (word: string) => counts.set(word, (counts.get(word) ?? 0) + weight);
  if (CJK.test(text)) {
    segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
    for (const { segment, isWordLike } of segmenter.segment(text)) {
      if (!isWordLike) continue;
      // A CJK word of two characters or more ('内存', '泄露'); single ones say little.
      if (CJK.test(segment)) {
        if (segment.length >= 2) add(segment);
      } else addLatin(segment, add);
    }
    return;
  }
  addLatin(text, add);
}

function addLatin(text: string, add: (word: string) => void): void {
  for (const [match] of text.toLowerCase().matchAll(LATIN_WORD)) {
    const word = match.replace(/['’]s$/, '');
    if (word.length >= 3 && !STOPWORDS.has(word) && !/^\d+$/.test(word)) add(word);
  }
}

/**
 * The KEPT words the title and prose use most (a title's word counts TITLE_WEIGHT times), most
 * used first, then alphabetically; code is left out, as in the word count. A word the prose uses
 * once is left out too: it says little of the post, and one sentence added or cut would swap it
 * in and out (and each swap ranks every post's related list again).
 */
export function keywordsOf(title: string, tokens: Token[]): string[] {
  const counts = new Map<string, number>();
  addWords(counts, title, TITLE_WEIGHT);
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.children) continue;
    for (const child of token.children)
      if (child.type === 'text') addWords(counts, child.content, 1);
  }
  return [...counts]
    .filter(([, count]) => count >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, KEPT)
    .map(([word]) => word);
}

// A post's keywords: the words of its title and prose it uses most, for ranking related posts
// (site/related.ts). Counted at sync time in the pass that finds its search terms
// (search/search-record.ts), with the same words: Latin words, and CJK as pairs of characters.

/** Keywords kept a post: enough to find its neighbours, few enough to rank 10,000 posts fast. */
const KEPT = 10;

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

/** A pair of Han, Hiragana or Katakana characters: the CJK terms of the tokenizer. */
const CJK = /^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** Whether a term says what a post is about: a CJK pair, or a Latin word of 3+ letters. */
function tells(term: string): boolean {
  if (CJK.test(term)) return term.length >= 2;
  return term.length >= 3 && !STOPWORDS.has(term) && !/^\d+$/.test(term);
}

/**
 * The KEPT terms of `counts` (title and prose, the title's counting thrice) used most, then
 * alphabetically. A term the prose uses once is left out: it says little of the post, and one
 * sentence added or cut would swap it in and out (and each swap ranks every post's related list
 * again).
 */
export function keywordsFrom(counts: ReadonlyMap<string, number>): string[] {
  const kept: [string, number][] = [];
  for (const entry of counts) if (entry[1] >= 2 && tells(entry[0])) kept.push(entry);
  return kept
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, KEPT)
    .map(([word]) => word);
}

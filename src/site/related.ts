// Related posts: each shown post's nearest, by the tags and keywords they share, each feature
// weighted by how rare it is (idf), as Hugo's related content weighs its indices.

import { foldTag } from '../content/tags.js';
import { hashBytes } from '../hash.js';
import type { PostSummary } from '../types.js';

/**
 * The related lists as the store keeps them (meta key RELATED_KEY), with the digest of the
 * features they were ranked from: a build whose posts' tags and keywords are what they were
 * (an edit that changed a sentence) reads them instead of ranking 4,000 posts again (60 ms).
 */
export interface StoredRelated {
  digest: string;
  /** Post id → its related posts' ids, best first. */
  lists: Record<string, string[]>;
}

export const RELATED_KEY = 'related';

/** Related posts a post shows. */
export const RELATED_COUNT = 5;

/** A shared tag says more than a shared word. */
const TAG_WEIGHT = 2;

/**
 * A feature more posts carry than this tells them apart too little to rank by, and walking its
 * posts for every post would cost N² on a big site.
 */
const MAX_POSTS_PER_FEATURE = 150;

/**
 * Each post is ranked by its rarest features only, the strongest evidence: with the bound
 * above, at most 8 × 150 additions a post (10,000 posts in tens of ms, where all of them cost
 * 260 ms).
 */
const FEATURES_RANKED = 8;

/**
 * Each post's features as numbers, and each feature's posts: its tags (folded) and its keywords,
 * each once, tags first. A name is folded and looked up once, not once a post: at 4,000
 * generated posts (22 tags each) making a string and a Set for every post, and looking each
 * string up, took 70 of the 90 ms ranking took.
 */
function featuresOf(posts: readonly PostSummary[]) {
  const postings: number[][] = [];
  const isTag: boolean[] = [];
  const feature = (tag: boolean): number => {
    postings.push([]);
    isTag.push(tag);
    return postings.length - 1;
  };
  /** A tag's feature by its folded key, and by each name as written. */
  const byKey = new Map<string, number>();
  const byTag = new Map<string, number>();
  const byWord = new Map<string, number>();
  const features: number[][] = [];
  for (const [i, post] of posts.entries()) {
    const own: number[] = [];
    const add = (id: number) => {
      const at = postings[id];
      if (at[at.length - 1] === i) return;
      at.push(i);
      own.push(id);
    };
    for (const tag of post.tags) {
      let id = byTag.get(tag);
      if (id === undefined) {
        const key = foldTag(tag);
        id = byKey.get(key) ?? feature(true);
        byKey.set(key, id);
        byTag.set(tag, id);
      }
      add(id);
    }
    for (const word of post.keywords ?? []) {
      let id = byWord.get(word);
      if (id === undefined) {
        id = feature(false);
        byWord.set(word, id);
      }
      add(id);
    }
    features.push(own);
  }
  return { features, postings, isTag };
}

/**
 * Up to RELATED_COUNT related posts for each of `posts` (newest first), by id: the posts
 * sharing the most (idf-weighted) tags and keywords, the newer first on a tie. A post sharing
 * nothing with another has no entry.
 */
export function relatedPosts(posts: readonly PostSummary[]): Map<string, PostSummary[]> {
  const { features, postings, isTag } = featuresOf(posts);
  // Each feature's weight, 0 for one that ranks nothing: carried by one post, or by more than
  // half of them (every post's 'blog' tag says nothing of any two).
  const most = Math.min(MAX_POSTS_PER_FEATURE, posts.length < 4 ? posts.length : posts.length / 2);
  const weight = new Float64Array(postings.length);
  for (const [f, at] of postings.entries()) {
    if (at.length < 2 || at.length > most) continue;
    const idf = Math.log(1 + posts.length / at.length);
    weight[f] = isTag[f] ? TAG_WEIGHT * idf : idf;
  }
  const related = new Map<string, PostSummary[]>();
  const score = new Float64Array(posts.length);
  const touched: number[] = [];
  for (const [i, list] of features.entries()) {
    const rarest = list
      .filter((f) => weight[f] > 0)
      .sort((a, b) => postings[a].length - postings[b].length)
      .slice(0, FEATURES_RANKED);
    for (const f of rarest) {
      for (const j of postings[f]) {
        if (j === i) continue;
        if (score[j] === 0) touched.push(j);
        score[j] += weight[f];
      }
    }
    if (touched.length)
      related.set(
        posts[i].id,
        best(touched, score).map((j) => posts[j]),
      );
    for (const j of touched) score[j] = 0;
    touched.length = 0;
  }
  return related;
}

/**
 * The RELATED_COUNT highest scores of `touched`, highest first; posts are newest first, so the
 * lower index wins a tie. One pass (sorting every candidate of every post cost 99 ms at 1,000).
 */
function best(touched: number[], score: Float64Array): number[] {
  const top: number[] = [];
  const beats = (a: number, b: number) => score[a] > score[b] || (score[a] === score[b] && a < b);
  for (const j of touched) {
    if (top.length === RELATED_COUNT && !beats(j, top[RELATED_COUNT - 1])) continue;
    let at = top.length === RELATED_COUNT ? RELATED_COUNT - 1 : top.length;
    while (at > 0 && beats(j, top[at - 1])) {
      top[at] = top[at - 1];
      at--;
    }
    top[at] = j;
  }
  return top;
}

/** What the ranking reads of the shown posts, in order: equal digests, equal related lists. */
export function featureDigest(posts: readonly PostSummary[]): string {
  // Joined, not JSON-encoded: JSON spelled out each separator as \u0000, 27 ms at 4,000 posts.
  const rows = posts.map(
    (p) => `${p.id}\u0000${p.tags.join('\u0001')}\u0000${(p.keywords ?? []).join('\u0001')}`,
  );
  return hashBytes(rows.join('\n'));
}

/**
 * The related lists of `posts` and the digest of their features: ranked now, unless `stored`
 * (the store's, from the last build) or `last` (the snapshot before) was ranked from the same
 * features; either way each list holds `posts`' own summaries, so its titles are current.
 */
export function relatedOf(
  posts: readonly PostSummary[],
  stored: StoredRelated | undefined,
  last?: { digest: string; related: Map<string, PostSummary[]> },
): { digest: string; related: Map<string, PostSummary[]> } {
  const digest = featureDigest(posts);
  const lists =
    stored?.digest === digest
      ? Object.entries(stored.lists)
      : last?.digest === digest
        ? [...last.related].map(([id, list]) => [id, list.map((p) => p.id)] as const)
        : null;
  if (!lists) return { digest, related: relatedPosts(posts) };
  const byId = new Map(posts.map((p) => [p.id, p]));
  const related = new Map<string, PostSummary[]>();
  for (const [id, ids] of lists) {
    related.set(
      id,
      ids.map((other) => byId.get(other)).filter((p) => p !== undefined),
    );
  }
  return { digest, related };
}

/** The lists in the store's form. */
export function storedRelated(digest: string, related: Map<string, PostSummary[]>): StoredRelated {
  const lists: Record<string, string[]> = {};
  for (const [id, posts] of related) lists[id] = posts.map((p) => p.id);
  return { digest, lists };
}

// The posts whose slugs are nearest to a path nobody answers: old links are the usual 404
// (a slug edited, a date moved), so the 404 page offers what they most likely meant.

import type { PostSummary, Snapshot } from '../types.js';

/** Longest part of a path compared: a longer one is cut, so a 404 costs little whatever it asks. */
const MAX_CHARS = 64;

/** The word a path asks for: its last segment, decoded, without '.html', lower case. */
function askedSlug(path: string): string {
  const last = path.replace(/\/+$/, '').split('/').pop() ?? '';
  let word = last.replace(/\.html?$/i, '');
  try {
    word = decodeURIComponent(word);
  } catch {
    // Not percent-encoding: compared as it came.
  }
  return word.toLowerCase().slice(0, MAX_CHARS);
}

/**
 * Edit distance between `a` and `b`, or `limit + 1` once it must exceed `limit`: each row
 * stops the count when its smallest cell is past the limit, so most slugs cost a few rows.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      least = Math.min(least, row[j]);
    }
    if (least > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length];
}

/**
 * Up to `count` shown posts whose slug is within a third of the asked word's length in edits
 * (at least 2), or contains it or is contained by it; nearest first, then newest.
 */
export function nearestPosts(snap: Snapshot, path: string, count = 5): PostSummary[] {
  const asked = askedSlug(path);
  if (asked.length < 3) return [];
  const limit = Math.max(2, Math.floor(asked.length / 3));
  const near: { post: PostSummary; distance: number }[] = [];
  for (const post of snap.posts) {
    const slug = post.slug.toLowerCase().slice(0, MAX_CHARS);
    const contained = slug.includes(asked) || asked.includes(slug);
    const distance = contained ? 0 : editDistance(asked, slug, limit);
    if (distance <= limit) near.push({ post, distance });
  }
  // Stable: equal distances keep the snapshot's order, newest first.
  near.sort((a, b) => a.distance - b.distance);
  return near.slice(0, count).map((n) => n.post);
}

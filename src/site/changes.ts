// What a change of the site touches. Each rendered page names what it shows (its dependencies);
// a snapshot gives each dependency a value, and the dependencies whose values differ between two
// snapshots are what changed. The server drops the pages naming them from its render cache; the
// build keeps the values of its last run and renders only the pages naming them.

import { foldTag } from '../content/tags.js';
import { hashBytes, hashOf } from '../hash.js';
import { SHARDS } from '../search/index-files.js';
import type { PageSummary, PostSummary } from '../types.js';

type Summary = PostSummary | PageSummary;

import type { Snapshot } from './snapshot.js';

/** Every post's card, in order: the archive and the sitemap show them all. */
export const LISTS = 'lists';
/** Which posts are shown, in which order: a paged list shows a slice of it and a pager. */
export const POSTS = 'posts';
/** The list of pages (the sitemap's). */
export const PAGES = 'pages';
/** Every tag's name, URL and count, in order: the tags index shows them all. */
export const TAGS = 'tags';
/**
 * Every themed page shows the nav, whose links resolve to the pages that exist ('/about' →
 * '/about.html'): a page added, removed or moved changes them all.
 */
export const NAV = 'nav';
/** What search finds: every shown entry's source and summary, in order (the static index). */
export const SEARCH = 'search';
/**
 * One file of the static index's terms. Its value here is SEARCH's (the server makes the files
 * from its index on request); a build has each file's own digest (Route.prepare, kept-index.ts).
 */
export const shardDep = (shard: number): string => `search:${shard}`;
/** One post or page: what it was made from, and for a post its neighbours' and related posts' summaries. */
export const pageDep = (path: string): string => `page:${path}`;
/** What a list shows of one post: its summary. */
export const cardDep = (id: string): string => `card:${id}`;
/** A tag's name, URL and count, as every card carrying the tag shows them. */
export const tagDep = (key: string): string => `tag:${key}`;
/** A tag's page: its posts, in order, and their cards. */
export const tagListDep = (key: string): string => `tag-list:${key}`;

/** Each dependency's value in one snapshot: where two values differ, the pages naming it do. */
export type DepValues = ReadonlyMap<string, string>;

/** What a theme shows beyond the summary hash (see Theme.showsWordCount). */
export interface CardFields {
  wordCount: boolean;
}

/**
 * The value of every dependency a page of `snap` can name. Values come from the hashes each
 * entry carries (no entry is serialised here), so a site of 10,000 posts is valued in
 * milliseconds, on every sync of the server and every build.
 */
export function depValues(snap: Snapshot, fields: CardFields): DepValues {
  // The summary hash stands for everything a list shows of an entry, its id and URL included,
  // the word count aside: that is added only for a theme that shows it.
  const card = fields.wordCount
    ? (e: Summary) => `${e.summaryHash}:${e.wordCount}`
    : (e: Summary) => e.summaryHash;
  const cardsOf = (posts: readonly PostSummary[]) => posts.map(card).join('');
  const values = new Map<string, string>();
  // A post's page shows its neighbours' titles and links: their cards stand for them. The
  // parts are hashes already, so joining them is the value (hashing each cost 25 ms at 1,000).
  const of = (e: Summary | undefined) => (e ? card(e) : '-');
  for (const [at, post] of snap.posts.entries()) {
    values.set(cardDep(post.id), card(post));
    const near = `${of(snap.posts[at - 1])} ${of(snap.posts[at + 1])}`;
    // Its related posts, which other posts' edits reorder: their cards, in order.
    const related = cardsOf(snap.related.get(post.id) ?? []);
    values.set(pageDep(post.path), `${post.sourceHash} ${card(post)} ${near} ${related}`);
  }
  for (const page of snap.pages) values.set(pageDep(page.path), `${page.sourceHash} ${card(page)}`);
  // Long lists are joined and hashed, not JSON-encoded first (which scanned every character
  // again: 17 ms of 35 at 4,000 posts); ids are file names, which hold no NUL.
  values.set(POSTS, hashBytes(snap.posts.map((p) => p.id).join('\u0000')));
  values.set(LISTS, hashBytes(cardsOf(snap.posts)));
  values.set(PAGES, hashOf(snap.pages.map(card)));
  values.set(NAV, hashOf(snap.pages.map((p) => p.path)));
  const search = hashBytes(
    [...snap.posts, ...snap.pages].map((e) => e.sourceHash + e.summaryHash).join(''),
  );
  values.set(SEARCH, search);
  for (let shard = 0; shard < SHARDS; shard++) values.set(shardDep(shard), search);
  const tags: string[] = [];
  for (const [key, group] of snap.tags) {
    const shown = [group.name, group.path];
    const tag = hashOf([...shown, group.posts.length]);
    tags.push(tag);
    values.set(tagDep(key), tag);
    values.set(tagListDep(key), hashBytes(JSON.stringify(shown) + cardsOf(group.posts)));
  }
  values.set(TAGS, hashOf(tags));
  return values;
}

/** The dependencies whose values differ: changed, or there in only one of the two. */
export function changedDeps(before: DepValues, after: DepValues): Set<string> {
  const changed = new Set<string>();
  for (const [dep, value] of after) if (before.get(dep) !== value) changed.add(dep);
  for (const dep of before.keys()) if (!after.has(dep)) changed.add(dep);
  return changed;
}

/** The tags the cards of `posts` carry, as dependencies: a list shows each one's name and URL. */
export function cardTagDeps(posts: readonly PostSummary[]): string[] {
  const keys = new Set<string>();
  for (const post of posts) for (const tag of post.tags) keys.add(tagDep(foldTag(tag)));
  return [...keys];
}

// What a change of the site touches: each rendered page names what it shows (its dependencies),
// and a new snapshot is compared with the one before, so only the pages showing what changed
// are dropped from the render cache.

import { foldTag } from '../content/tags.js';
import type { PageSummary, PostSummary } from '../types.js';
import type { Snapshot } from './snapshot.js';

/** The post lists: home and /posts/<n>, archive, feeds, sitemap. Any post's card changing. */
export const LISTS = 'lists';
/** The list of pages (the sitemap's). */
export const PAGES = 'pages';
/** One post or page: its body, title, date, neighbours. */
/**
 * Every themed page shows the nav, whose links resolve to the pages that exist ('/about' →
 * '/about.html'): a page added, removed or moved changes them all.
 */
export const NAV = 'nav';
export const pageDep = (path: string): string => `page:${path}`;
/** A tag's name, URL and count, as every card carrying the tag shows them. */
export const tagDep = (key: string): string => `tag:${key}`;
/** A tag's page: the cards of its posts. */
export const tagListDep = (key: string): string => `tag-list:${key}`;

type Summary = PostSummary | PageSummary;

interface Placed {
  entry: Summary;
  /** Its place in the newest-first post list, or -1 for a page. */
  at: number;
}

function placesOf(snap: Snapshot): Map<string, Placed> {
  const places = new Map<string, Placed>();
  for (const [at, entry] of snap.posts.entries()) places.set(entry.id, { entry, at });
  for (const entry of snap.pages) places.set(entry.id, { entry, at: -1 });
  return places;
}

/** Same object (a scheduled post coming due keeps every summary) or same fields. */
function sameSummary(a: Summary, b: Summary): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The dependencies that differ between two snapshots. `bodies` are the ids of files whose
 * content changed (a sync's `changed`): only their summaries can differ (so only theirs are
 * compared), and their pages and the feeds carrying them differ even when the summaries do not.
 */
export function changedDeps(
  before: Snapshot,
  after: Snapshot,
  bodies: ReadonlySet<string>,
): Set<string> {
  const deps = new Set<string>();
  const old = placesOf(before);
  const now = placesOf(after);
  for (const id of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(id);
    const b = now.get(id);
    // A file the sync did not change has the summary it had: only changed ones are compared.
    if (a && b && !bodies.has(id)) continue;
    const summaryChanged = !a || !b || !sameSummary(a.entry, b.entry);
    if (a) deps.add(pageDep(a.entry.path));
    if (b) deps.add(pageDep(b.entry.path));
    const isPage = a?.entry.kind === 'page' || b?.entry.kind === 'page';
    if (isPage && a?.entry.path !== b?.entry.path) deps.add(NAV);
    if (!summaryChanged) continue;
    if (a) summaryDeps(deps, before, a);
    if (b) summaryDeps(deps, after, b);
  }
  tagsChanged(deps, before, after);
  return deps;
}

/** A summary that changed: the lists, its tags' pages, and its neighbours' newer/older links. */
function summaryDeps(deps: Set<string>, snap: Snapshot, { entry, at }: Placed): void {
  if (entry.kind === 'page') {
    deps.add(PAGES);
    return;
  }
  deps.add(LISTS);
  for (const tag of entry.tags) deps.add(tagListDep(foldTag(tag)));
  for (const next of [snap.posts[at - 1], snap.posts[at + 1]])
    if (next) deps.add(pageDep(next.path));
}

/** Tags whose shown name, URL or count differ: every card carrying them shows the change. */
function tagsChanged(deps: Set<string>, before: Snapshot, after: Snapshot): void {
  for (const key of new Set([...before.tags.keys(), ...after.tags.keys()])) {
    const a = before.tags.get(key);
    const b = after.tags.get(key);
    if (a && b && a.name === b.name && a.path === b.path && a.posts.length === b.posts.length)
      continue;
    deps.add(tagDep(key));
    deps.add(tagListDep(key));
  }
}

/** The tags the cards of `posts` carry, as dependencies: a list shows each one's name and URL. */
export function cardTagDeps(posts: readonly PostSummary[]): string[] {
  const keys = new Set<string>();
  for (const post of posts) for (const tag of post.tags) keys.add(tagDep(foldTag(tag)));
  return [...keys];
}

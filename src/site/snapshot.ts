// The site as visitors see it at one moment: visible posts, pages and tags, read from the store.

import type { LinkFormats } from '../config/site-config.js';
import { foldTag } from '../content/tags.js';
import { tagPath } from '../render/urls.js';
import type { Store } from '../store/store.js';
import type { PageSummary, PostSummary, Snapshot, TagGroup } from '../types.js';
import { RELATED_KEY, relatedOf, type StoredRelated } from './related.js';

export type { Snapshot, TagGroup } from '../types.js';

export interface Visibility {
  drafts: boolean;
  future: boolean;
}

/** Everything the store holds, from which a snapshot is derived for any moment. */
export interface StoreContents {
  /** Newest first. */
  posts: PostSummary[];
  pages: PageSummary[];
  /** The related lists the last build ranked, if any (related.ts). */
  related?: StoredRelated;
}

export async function readContents(store: Store): Promise<StoreContents> {
  const [posts, pages, related] = await Promise.all([
    store.postSummaries(),
    store.pageSummaries(),
    store.getMeta<StoredRelated>(RELATED_KEY),
  ]);
  return { posts, pages, related };
}

/**
 * The site at `now`. `last`, the snapshot before, lends its related lists when the posts'
 * features are the same (a server's save that changed a sentence ranks nothing).
 */
export function takeSnapshot(
  all: StoreContents,
  vis: Visibility,
  now: number,
  links: LinkFormats,
  last?: Snapshot,
): Snapshot {
  const shown = (e: { draft: boolean; date: string }) =>
    (vis.drafts || !e.draft) && (vis.future || Date.parse(e.date) <= now);
  const posts = all.posts.filter(shown);
  // A node page (Pugo 0.10's `node = true`) has no file and no URL: it is not a page of the site.
  const pages = all.pages.filter((p) => (vis.drafts || !p.draft) && !p.node).sort(byPageOrder);
  const byPath = new Map<string, PostSummary | PageSummary>();
  for (const e of [...posts, ...pages]) byPath.set(e.path, e);
  const future = all.posts
    .filter((p) => (vis.drafts || !p.draft) && !vis.future && Date.parse(p.date) > now)
    .map((p) => Date.parse(p.date));
  return {
    posts,
    pages,
    tags: groupTags(posts, links),
    byPath,
    postIndex: new Map(posts.map((p, i) => [p.path, i])),
    nextChangeAt: future.length ? Math.min(...future) : null,
    ...relatedSnapshot(posts, all.related, last),
  };
}

function relatedSnapshot(posts: PostSummary[], stored?: StoredRelated, last?: Snapshot) {
  const before = last && { digest: last.relatedDigest, related: last.related };
  const { digest, related } = relatedOf(posts, stored, before);
  return { related, relatedDigest: digest };
}

/** Pages in their `sort` order, then by path. */
export function byPageOrder(a: PageSummary, b: PageSummary): number {
  return a.sort - b.sort || a.path.localeCompare(b.path);
}

/**
 * The tags of the shown posts, most used first. Each keeps its posts newest first and the name
 * most of them write it with; the summaries carry the tags, so no index is read (reading one of
 * 17,000 keys for 1,000 posts cost more than the summaries themselves).
 */
function groupTags(posts: PostSummary[], links: LinkFormats): Map<string, TagGroup> {
  // Each name as written, with its posts. A site writes a few hundred names some 90,000 times
  // (4,000 generated posts), in a loop that runs once a build, before the JIT has compiled it:
  // one lookup a tag, and folding once a name, took 25 ms there against 45-50 ms for a fold
  // lookup, a group lookup and a name pushed for every tag.
  const byName = new Map<string, PostSummary[]>();
  for (const post of posts) {
    for (const name of post.tags) {
      const tagged = byName.get(name);
      if (!tagged) byName.set(name, [post]);
      else if (tagged[tagged.length - 1] !== post) tagged.push(post);
    }
  }
  const folded = new Map<string, string>();
  const namesOf = new Map<string, string[]>();
  for (const name of byName.keys()) {
    const key = foldTag(name);
    folded.set(name, key);
    const names = namesOf.get(key);
    if (names) names.push(name);
    else namesOf.set(key, [name]);
  }
  let order: Map<PostSummary, number> | null = null;
  const groups: TagGroup[] = [];
  for (const [key, names] of namesOf) {
    if (names.length === 1) {
      const [name] = names;
      groups.push({
        key,
        name,
        aliases: [],
        path: tagPath(links, name),
        posts: byName.get(name) ?? [],
      });
      continue;
    }
    order ??= new Map(posts.map((post, i) => [post, i]));
    groups.push(spelledGroup(key, names, byName, folded, order, links));
  }
  groups.sort((a, b) => b.posts.length - a.posts.length || a.key.localeCompare(b.key));
  return new Map(groups.map((g) => [g.key, g]));
}

/**
 * One tag written in several ways ('Go', 'go'): its posts newest first, each once, counted as
 * the name it writes last; the name most of them write is the tag's, and the others are its
 * aliases, oldest first, as the names were first written.
 */
function spelledGroup(
  key: string,
  names: string[],
  byName: Map<string, PostSummary[]>,
  folded: Map<string, string>,
  order: Map<PostSummary, number>,
  links: LinkFormats,
): TagGroup {
  const tagged = [...new Set(names.flatMap((name) => byName.get(name) ?? []))];
  tagged.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const written = tagged.map((post) => post.tags.findLast((tag) => folded.get(tag) === key) ?? '');
  const name = mostUsed(written);
  const aliases = [...new Set(written.reverse())].filter((n) => n !== name);
  return { key, name, aliases, path: tagPath(links, name), posts: tagged };
}

function mostUsed(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
}

export function findTag(snap: Snapshot, name: string): TagGroup | undefined {
  return snap.tags.get(foldTag(name));
}

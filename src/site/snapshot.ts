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
  const byKey = new Map<string, { names: string[]; posts: PostSummary[] }>();
  // A site writes a few hundred tags some 50,000 times (4,000 posts): each is folded once.
  const folded = new Map<string, string>();
  for (const post of posts) {
    for (const name of post.tags) {
      let key = folded.get(name);
      if (key === undefined) {
        key = foldTag(name);
        folded.set(name, key);
      }
      let group = byKey.get(key);
      if (!group) {
        group = { names: [], posts: [] };
        byKey.set(key, group);
      }
      // A tag written twice in one post ('Go', 'go') counts once, as the name written last.
      if (group.posts.at(-1) === post) group.names[group.names.length - 1] = name;
      else {
        group.names.push(name);
        group.posts.push(post);
      }
    }
  }
  const groups: TagGroup[] = [];
  for (const [key, { names, posts: tagged }] of byKey) {
    const name = mostUsed(names);
    // Oldest first, as the names were first written.
    const aliases = [...new Set(names.reverse())].filter((n) => n !== name);
    groups.push({ key, name, aliases, path: tagPath(links, name), posts: tagged });
  }
  groups.sort((a, b) => b.posts.length - a.posts.length || a.key.localeCompare(b.key));
  return new Map(groups.map((g) => [g.key, g]));
}

function mostUsed(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
}

export function findTag(snap: Snapshot, name: string): TagGroup | undefined {
  return snap.tags.get(foldTag(name));
}

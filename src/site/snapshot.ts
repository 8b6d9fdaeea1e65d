// The site as visitors see it at one moment: visible posts, pages and tags, read from the store.

import type { LinkFormats } from '../config/site-config.js';
import { foldTag } from '../content/tags.js';
import { tagPath } from '../render/urls.js';
import type { Store, TagPosting } from '../store/store.js';
import type { PageSummary, PostSummary, Snapshot, TagGroup } from '../types.js';

export type { Snapshot, TagGroup } from '../types.js';

export interface Visibility {
  drafts: boolean;
  future: boolean;
}

/** Everything the store holds, from which a snapshot is derived for any moment. */
export interface StoreContents {
  posts: PostSummary[];
  pages: PageSummary[];
  postings: Map<string, TagPosting[]>;
}

export async function readContents(store: Store): Promise<StoreContents> {
  const [posts, pages, postings] = await Promise.all([
    store.postSummaries(),
    store.pageSummaries(),
    store.tagPostings(),
  ]);
  return { posts, pages, postings };
}

export function takeSnapshot(
  all: StoreContents,
  vis: Visibility,
  now: number,
  links: LinkFormats,
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
    tags: groupTags(all.postings, posts, links),
    byPath,
    postIndex: new Map(posts.map((p, i) => [p.path, i])),
    nextChangeAt: future.length ? Math.min(...future) : null,
  };
}

function byPageOrder(a: PageSummary, b: PageSummary): number {
  return a.sort - b.sort || a.path.localeCompare(b.path);
}

function groupTags(
  postings: Map<string, TagPosting[]>,
  posts: PostSummary[],
  links: LinkFormats,
): Map<string, TagGroup> {
  const visible = new Map(posts.map((p) => [p.id, p]));
  const groups: TagGroup[] = [];
  for (const [key, list] of postings) {
    const hits = list.filter((p) => visible.has(p.id));
    if (hits.length === 0) continue;
    const name = mostUsed(hits.map((h) => h.name));
    const aliases = [...new Set(hits.map((h) => h.name))].filter((n) => n !== name);
    const tagged = hits.map((h) => visible.get(h.id) as PostSummary).reverse();
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

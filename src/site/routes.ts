// THE route table: every URL pattern pugo answers, its handler, and the URLs it has for a build.

import { FIXED_PATHS, indexPath, tagPath } from '../render/urls.js';
import {
  ArchiveHandler,
  EntryHandler,
  FeedHandler,
  ListHandler,
  type Params,
  pageCount,
  type RouteHandler,
  SitemapHandler,
} from './handlers.js';
import type { Site } from './site.js';
import type { Snapshot } from './snapshot.js';

export interface RouteEntry {
  path: string;
  params: Params;
}

export interface Route {
  name: string;
  /** @koa/router patterns, tried in table order. */
  patterns: string[];
  create(site: Site): RouteHandler;
  /** Every URL of this route that exists now: what the build writes. */
  entries(snap: Snapshot, site: Site): RouteEntry[];
}

function pages(count: number, size: number): number[] {
  return Array.from({ length: pageCount(count, size) }, (_, i) => i + 1);
}

const fixed = (path: string): RouteEntry[] => [{ path, params: {} }];

const home: Route = {
  name: 'home',
  patterns: ['/', '/index.html', '/posts/:n.html'],
  create: (site) => new ListHandler(site),
  entries: (snap, site) =>
    pages(snap.posts.length, site.config.build.postPageSize).map((n) => ({
      path: indexPath(n),
      params: n === 1 ? {} : { n: String(n) },
    })) as RouteEntry[],
};

const tags: Route = {
  name: 'tag',
  patterns: ['/tags/:tag.html', '/tags/:tag/:n.html'],
  create: (site) => new ListHandler(site),
  entries: (snap, site) =>
    [...snap.tags.values()].flatMap((group) =>
      [group.name, ...group.aliases].flatMap(
        (name) =>
          pages(group.posts.length, site.config.build.postPageSize).map((n) => ({
            path: tagPath(name, n),
            params: n === 1 ? { tag: name } : { tag: name, n: String(n) },
          })) as RouteEntry[],
      ),
    ),
};

const archive: Route = {
  name: 'archive',
  patterns: [FIXED_PATHS.archive],
  create: (site) => new ArchiveHandler(site),
  entries: () => fixed(FIXED_PATHS.archive),
};

const feed = (kind: 'rss' | 'atom' | 'json'): Route => ({
  name: kind,
  patterns: [FIXED_PATHS[kind]],
  create: (site) => new FeedHandler(site, kind),
  entries: () => fixed(FIXED_PATHS[kind]),
});

/** What the sitemap lists: every HTML page a visitor can land on (aliases excluded). */
export function sitemapPaths(snap: Snapshot, site: Site): { path: string; lastmod?: string }[] {
  const lists = [...home.entries(snap, site), ...archive.entries(snap, site)].map(({ path }) => ({
    path,
  }));
  const tagPages = [...snap.tags.values()].flatMap((g) =>
    pages(g.posts.length, site.config.build.postPageSize).map((n) => ({
      path: tagPath(g.name, n),
    })),
  );
  const entries = [...snap.posts, ...snap.pages].map((e) => ({ path: e.path, lastmod: e.updated }));
  return [...lists, ...entries, ...tagPages];
}

const sitemap: Route = {
  name: 'sitemap',
  patterns: [FIXED_PATHS.sitemap],
  create: (site) => new SitemapHandler(site, (snap) => sitemapPaths(snap, site)),
  entries: () => fixed(FIXED_PATHS.sitemap),
};

const post: Route = {
  name: 'post',
  patterns: ['/:year/:month/:day/:slug.html'],
  create: (site) => new EntryHandler(site),
  entries: (snap) => snap.posts.map((p) => ({ path: p.path, params: {} })),
};

/** Pages may sit at any depth ('/docs/intro.html'), so their pattern is last and takes the rest. */
const page: Route = {
  name: 'page',
  patterns: ['/*rest.html'],
  create: (site) => new EntryHandler(site),
  entries: (snap) => snap.pages.map((p) => ({ path: p.path, params: {} })),
};

export const ROUTES: readonly Route[] = [
  home,
  tags,
  archive,
  feed('rss'),
  feed('atom'),
  feed('json'),
  sitemap,
  post,
  page,
];

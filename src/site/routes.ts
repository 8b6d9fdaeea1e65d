// THE route table: every URL pugo answers, its handler, and the URLs it has for a build. Where a
// route's URLs come from the site's link formats, so does its matching: one table, any layout.

import { matchLink } from '../content/link-formats.js';
import { VARIANTS_PREFIX } from '../images/variants.js';
import {
  archivePath,
  FIXED_PATHS,
  indexPath,
  postPagePath,
  tagPagePath,
  tagPath,
  tagsIndexPath,
} from '../render/urls.js';
import { SHARDS } from '../search/index-files.js';
import { readSearchQuery } from '../search/query.js';
import { type DepValues, shardDep } from './changes.js';
import {
  ArchiveHandler,
  EntryHandler,
  FeedHandler,
  ListHandler,
  type Params,
  pageCount,
  type RouteHandler,
  SitemapHandler,
  TagsHandler,
  tagPageSize,
} from './handlers.js';
import { ImageHandler, variantPaths } from './image-handler.js';
import { SearchFilesHandler, SearchHandler } from './search-handlers.js';
import type { Site } from './site.js';
import type { Snapshot } from './snapshot.js';

export interface RouteEntry {
  path: string;
  params: Params;
}

export interface Route {
  name: string;
  /**
   * The params of a decoded request path if this route answers it, else null. Routes are tried
   * in table order; a handler that then finds no such page hands the request to the next.
   */
  match(path: string, site: Site): Params | null;
  create(site: Site): RouteHandler;
  /**
   * For a route whose page answers a query (search): the params a request's query string adds,
   * null when it has none of them (the page is then cached and built like any), or a string
   * saying why the query is refused (a 400). Such a page is rendered for each request.
   */
  query?(querystring: string): Params | string | null;
  /**
   * Made when first asked for, never in idle time by the cache warmer: an image variant costs
   * sharp 20-100 ms of CPU, and a reader may never want that width.
   */
  onRequest?: boolean;
  /** Every URL of this route that exists now: what the build writes. */
  entries(snap: Snapshot, site: Site): RouteEntry[];
  /**
   * For a build, before it decides what to make: values of dependencies this route's files name
   * that the snapshot cannot give (depValues), in place of its coarser ones.
   */
  prepare?(snap: Snapshot, site: Site): Promise<DepValues>;
}

function pages(count: number, size: number): number[] {
  return Array.from({ length: pageCount(count, size) }, (_, i) => i + 1);
}

const fixed = (path: string): RouteEntry[] => [{ path, params: {} }];

/**
 * The home page is page 1 of the post list; Pugo wrote that page at '/posts/1.html' too (and
 * Pugo 2022 at '/page/1/'), so links and bookmarks to it keep working.
 */
const home: Route = {
  name: 'home',
  match: (path, site): Params | null => {
    if (path === '/' || path === '/index.html') return {};
    const m = matchLink(site.config.links.postPage, path);
    return m?.Page ? { n: m.Page } : null;
  },
  create: (site) => new ListHandler(site),
  entries: (snap, site) => {
    const { links, build } = site.config;
    const numbers = pages(snap.posts.length, build.postPageSize);
    return [
      { path: '/', params: {} },
      ...numbers.map((n) => ({ path: postPagePath(links, n), params: { n: String(n) } })),
    ];
  },
};

/**
 * A tag's page lists every post with the tag, as Pugo 0.10's did; with [build] tag_pagesize
 * (and in Pugo 2022's layout) it is page 1 of a paged list, whose pages are at tag_page_link_format.
 */
const tags: Route = {
  name: 'tag',
  match: (path, site): Params | null => {
    const { links } = site.config;
    if (tagPageSize(site) > 0) {
      const paged = matchLink(links.tagPage, path);
      if (paged?.Tag && paged.Page) return { tag: paged.Tag, n: paged.Page };
    }
    const first = matchLink(links.tag, path);
    return first?.Tag ? { tag: first.Tag } : null;
  },
  create: (site) => new ListHandler(site),
  entries: (snap, site) => {
    const { links } = site.config;
    const size = tagPageSize(site);
    return [...snap.tags.values()].flatMap((group) =>
      [group.name, ...group.aliases].flatMap((tag): RouteEntry[] => [
        { path: tagPath(links, tag), params: { tag } },
        ...(size > 0 ? pages(group.posts.length, size) : []).map((n) => ({
          path: tagPagePath(links, tag, n),
          params: { tag, n: String(n) },
        })),
      ]),
    );
  },
};

const archive: Route = {
  name: 'archive',
  match: (path, site) => (path === archivePath(site.config.links) ? {} : null),
  create: (site) => new ArchiveHandler(site),
  entries: (_, site) => fixed(archivePath(site.config.links)),
};

/**
 * The list of every tag, when the theme has a `tags` template, at tagsIndexPath ('/tags.html').
 * A page of the site's own at that path keeps it: the index is then not made.
 */
const tagsIndex: Route = {
  name: 'tags',
  match: (path, site) => (tagsIndexAt(site.snapshot(), site) === path ? {} : null),
  create: (site) => new TagsHandler(site),
  entries: (snap, site) => {
    const path = tagsIndexAt(snap, site);
    return path ? fixed(path) : [];
  },
};

function tagsIndexAt(snap: Snapshot, site: Site): string | null {
  const path = tagsIndexPath(site.config.links);
  return site.theme.has('tags') && !snap.byPath.has(path) ? path : null;
}

/**
 * The search page, at '/search.html' (a static host's file) and '/search'; with `?q=` the server
 * answers the query in the page. Like the tags index, it needs the theme's `search` template,
 * and a page of the site's own at its path keeps the path.
 */
const search: Route = {
  name: 'search',
  match: (path, site) =>
    (path === FIXED_PATHS.search || path === '/search') && searches(site.snapshot(), site)
      ? {}
      : null,
  create: (site) => new SearchHandler(site),
  query: (querystring) => {
    const read = readSearchQuery(querystring);
    return read === null || typeof read === 'string' ? read : { q: read.q };
  },
  entries: (snap, site) => (searches(snap, site) ? fixed(FIXED_PATHS.search) : []),
};

/** The files the built search page reads (SearchFilesHandler), for the server too. */
const searchFiles: Route = {
  name: 'search-files',
  match: (path, site) =>
    path.startsWith(FIXED_PATHS.searchFiles) && searches(site.snapshot(), site)
      ? { file: path.slice(FIXED_PATHS.searchFiles.length) }
      : null,
  create: (site) => new SearchFilesHandler(site),
  entries: (snap, site) => {
    if (!searches(snap, site)) return [];
    const files = [
      'search.js',
      'docs.json',
      ...Array.from({ length: SHARDS }, (_, n) => `terms/${n}.json`),
    ];
    return files.map((file) => ({ path: `${FIXED_PATHS.searchFiles}${file}`, params: { file } }));
  },
  // Each term file's own digest, from the index the last build kept: an edit remakes only the
  // files whose terms it changed.
  prepare: async (snap, site) => {
    if (!searches(snap, site)) return new Map();
    const kept = await site.search.keep(snap);
    return new Map(kept.shardValues.map((value, shard) => [shardDep(shard), value]));
  },
};

function searches(snap: Snapshot, site: Site): boolean {
  return site.theme.has('search') && !snap.byPath.has(FIXED_PATHS.search);
}

/** The WebP variants of the images posts and pages show, at '/_img/…' (image-handler.ts). */
const images: Route = {
  name: 'images',
  onRequest: true,
  match: (path) => (path.startsWith(VARIANTS_PREFIX) ? {} : null),
  create: (site) => new ImageHandler(site),
  entries: (snap, site) => variantPaths(snap, site).map((path) => ({ path, params: {} })),
};

const feed = (kind: 'rss' | 'atom' | 'json'): Route => ({
  name: kind,
  match: (path) => (path === FIXED_PATHS[kind] ? {} : null),
  create: (site) => new FeedHandler(site, kind),
  entries: () => fixed(FIXED_PATHS[kind]),
});

/** What the sitemap lists: every HTML page a visitor can land on, each once (no copies, aliases). */
export function sitemapPaths(snap: Snapshot, site: Site): { path: string; lastmod?: string }[] {
  const { links, build } = site.config;
  const lists = pages(snap.posts.length, build.postPageSize).map((n) => indexPath(links, n));
  const size = tagPageSize(site);
  const tagPages = [...snap.tags.values()].flatMap((g) => [
    tagPath(links, g.name),
    ...(size > 0 ? pages(g.posts.length, size).slice(1) : []).map((n) =>
      tagPagePath(links, g.name, n),
    ),
  ]);
  const entries = [...snap.posts, ...snap.pages].map((e) => ({ path: e.path, lastmod: e.updated }));
  const index = tagsIndexAt(snap, site);
  return [
    ...[...lists, archivePath(links), ...(index ? [index] : [])].map((path) => ({ path })),
    ...entries,
    ...tagPages.map((path) => ({ path })),
  ];
}

const sitemap: Route = {
  name: 'sitemap',
  match: (path) => (path === FIXED_PATHS.sitemap ? {} : null),
  create: (site) => new SitemapHandler(site, (snap) => sitemapPaths(snap, site)),
  entries: () => fixed(FIXED_PATHS.sitemap),
};

/** Posts and pages are found by their path: whatever link format made it. */
const entryRoute = (kind: 'post' | 'page'): Route => ({
  name: kind,
  match: (path, site) => (site.snapshot().byPath.get(path)?.kind === kind ? {} : null),
  create: (site) => new EntryHandler(site),
  entries: (snap) =>
    (kind === 'post' ? snap.posts : snap.pages).map((e) => ({ path: e.path, params: {} })),
});

export const ROUTES: readonly Route[] = [
  home,
  tags,
  tagsIndex,
  archive,
  search,
  searchFiles,
  images,
  feed('rss'),
  feed('atom'),
  feed('json'),
  sitemap,
  entryRoute('post'),
  entryRoute('page'),
];

// Route handlers: one class per kind of page; instances are pooled by the server and reused.

import { type FeedKind, renderFeed } from '../render/feeds.js';
import { renderSitemap } from '../render/sitemap.js';
import { indexPath, tagPagePath, tagPath } from '../render/urls.js';
import type {
  ArchiveView,
  ListView,
  Post,
  PostCard,
  PostSummary,
  RenderedPage,
  YearGroup,
} from '../types.js';
import { cardDep, cardTagDeps, LISTS, PAGES, POSTS, pageDep, TAGS, tagListDep } from './changes.js';
import type { Site } from './site.js';
import { findTag, type Snapshot } from './snapshot.js';

export type Params = Record<string, string>;

/**
 * A handler renders one URL of its route. It keeps the view it built until reset, as a
 * framework handler keeps its request state: the pool resets it before reuse, so nothing
 * outlives the request (tango's 800 handlers per route kept theirs forever).
 */
export interface RouteHandler {
  /** The page for this URL, or null when the route has no such page. */
  render(path: string, params: Params): Promise<RenderedPage | null>;
  reset(): void;
}

export abstract class ViewHandler<V> implements RouteHandler {
  protected view: V | null = null;
  constructor(protected readonly site: Site) {}
  abstract render(path: string, params: Params): Promise<RenderedPage | null>;
  reset(): void {
    this.view = null;
  }
}

function pageNumber(raw: string | undefined): number | null {
  if (raw === undefined) return 1;
  if (!/^[1-9][0-9]{0,6}$/.test(raw)) return null;
  return Number(raw);
}

/** List pages needed for `items` posts, `size` a page; an empty list still has its first page. */
export function pageCount(items: number, size: number): number {
  return Math.max(1, Math.ceil(items / size));
}

/** Posts a tag page shows: [build] tag_pagesize, or every post when it is 0 (as Pugo 0.10). */
export function tagPageSize(site: Site): number {
  return site.config.build.tagPageSize;
}

/** Cards grouped by year, in the order given (newest first). */
function byYear(cards: PostCard[]): YearGroup[] {
  const years = new Map<number, YearGroup>();
  for (const card of cards) {
    const year = years.get(card.date.year) ?? { year: card.date.year, posts: [] };
    year.posts.push(card);
    years.set(card.date.year, year);
  }
  return [...years.values()];
}

/** Every tag as a link with its post count, most used first: the archive's and the tags index's. */
function tagLinks(snap: Snapshot, views: Site['views']) {
  return [...snap.tags.values()].map((g) => ({
    name: g.name,
    url: views.url(g.path),
    count: g.posts.length,
  }));
}

/** Home page and /posts/<n>.html, and the tag pages: a paginated list of post cards. */
export class ListHandler extends ViewHandler<ListView> {
  async render(path: string, params: Params): Promise<RenderedPage | null> {
    const snap = this.site.snapshot();
    const n = pageNumber(params.n);
    const group = params.tag === undefined ? null : findTag(snap, params.tag);
    if (n === null || group === undefined) return null;
    const posts = group ? group.posts : snap.posts;
    const size = group
      ? tagPageSize(this.site) || Math.max(1, posts.length)
      : this.site.config.build.postPageSize;
    const total = pageCount(posts.length, size);
    if (n > total) return null;
    const { views } = this.site;
    const { links } = this.site.config;
    const shown = posts.slice((n - 1) * size, n * size);
    const cards = await this.site.cards(shown, snap);
    const pathOf = group
      ? (i: number) => (i === 1 ? tagPath(links, group.name) : tagPagePath(links, group.name, i))
      : (i: number) => indexPath(links, i);
    const t = views.site('').t;
    const title = group ? `${t('post.tag')}: ${group.name}` : '';
    const pageTitle = n > 1 ? `${title || t('post.list')} (${n}/${total})` : title;
    this.view = {
      // Page 1 is written twice ('/' and '/posts/1.html', as Pugo did): both name '/' as theirs.
      ...views.base(n === 1 ? pathOf(1) : path, pageTitle, '', group ? '' : 'home', snap),
      posts: cards,
      pager: views.pager(n, total, pathOf),
      tag: group
        ? { name: group.name, url: views.url(group.path), count: group.posts.length }
        : null,
      years: group && tagPageSize(this.site) === 0 ? byYear(cards) : null,
    };
    // A tag page's dependency covers its posts' cards; the paged lists name theirs.
    const list = group ? [tagListDep(group.key)] : [POSTS, ...shown.map((p) => cardDep(p.id))];
    const deps = [...list, ...cardTagDeps(shown)];
    return this.site.html('index', this.view, deps);
  }
}

/** A post or a page, found by its URL path. */
export class EntryHandler extends ViewHandler<object> {
  async render(path: string): Promise<RenderedPage | null> {
    const snap = this.site.snapshot();
    if (!snap.byPath.has(path)) return null;
    const entry = await this.site.store.entryByPath(path);
    if (!entry) return null;
    const { views } = this.site;
    if (entry.kind === 'page') {
      const author = views.author(entry.author);
      this.view = {
        ...views.base(path, entry.title, entry.desc, entry.hover || entry.slug, snap, {
          ...entry,
          author,
          tags: [],
        }),
        page: views.page(entry),
      };
      return this.site.html(
        entry.template && this.site.theme.has(entry.template) ? entry.template : 'page',
        this.view,
        [pageDep(path)],
      );
    }
    const i = snap.postIndex.get(path) ?? -1;
    const link = (p: PostSummary | undefined) =>
      p ? { title: p.title, url: views.url(p.path) } : null;
    const author = views.author(entry.author);
    this.view = {
      // No nav item is the current page on a post: "Home" was marked so (aria-current) before.
      ...views.base(path, entry.title, entry.desc, '', snap, { ...entry, author }),
      post: views.post(entry, snap),
      newer: link(snap.posts[i - 1]),
      older: link(snap.posts[i + 1]),
      related: (snap.related.get(entry.id) ?? []).map((p) => ({
        ...link(p),
        date: views.date(p.date),
      })),
    };
    return this.site.html('post', this.view, [pageDep(path), ...cardTagDeps([entry])]);
  }
}

export class ArchiveHandler extends ViewHandler<ArchiveView> {
  async render(path: string): Promise<RenderedPage | null> {
    const snap = this.site.snapshot();
    const { views } = this.site;
    const t = views.site('').t;
    this.view = {
      ...views.base(path, t('post.archive'), '', 'archive', snap),
      years: byYear(await this.site.cards(snap.posts, snap)),
      tags: tagLinks(snap, views),
    };
    return this.site.html('archive', this.view, [LISTS]);
  }
}

/** Every tag with its post count, most used first (the theme's `tags` template). */
export class TagsHandler extends ViewHandler<object> {
  async render(path: string): Promise<RenderedPage | null> {
    const snap = this.site.snapshot();
    const { views } = this.site;
    const t = views.site('').t;
    this.view = {
      ...views.base(path, t('post.tag'), '', 'tags', snap),
      tags: tagLinks(snap, views),
    };
    return this.site.html('tags', this.view, [TAGS]);
  }
}

const FEED_TYPES: Record<FeedKind, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export class FeedHandler extends ViewHandler<Post[]> {
  constructor(
    site: Site,
    private readonly kind: FeedKind,
  ) {
    super(site);
  }

  async render(): Promise<RenderedPage | null> {
    const { config, store, views } = this.site;
    const latest = this.site.snapshot().posts.slice(0, config.build.feedLimit);
    const posts = await Promise.all(latest.map((p) => store.entryByPath(p.path)));
    this.view = posts.filter((p): p is Post => p?.kind === 'post');
    const owner = config.authors[0];
    const site = {
      title: config.meta.title,
      desc: config.meta.desc,
      lang: config.meta.lang,
      owner: owner ?? null,
      rates: config.build,
    };
    const body = await renderFeed(this.kind, this.view, site, views);
    return {
      status: 200,
      type: FEED_TYPES[this.kind],
      body: Buffer.from(body),
      // A feed carries its posts' bodies: an edit to one of them changes it too.
      deps: [POSTS, ...latest.map((p) => pageDep(p.path))],
    };
  }
}

export class SitemapHandler extends ViewHandler<string[]> {
  constructor(
    site: Site,
    private readonly listPaths: (snap: Snapshot) => { path: string; lastmod?: string }[],
  ) {
    super(site);
  }

  async render(): Promise<RenderedPage | null> {
    const { views } = this.site;
    const urls = this.listPaths(this.site.snapshot()).map(({ path, lastmod }) => ({
      loc: views.absolute(views.url(path)),
      lastmod,
    }));
    this.view = urls.map((u) => u.loc);
    return {
      status: 200,
      type: 'application/xml; charset=utf-8',
      body: Buffer.from(renderSitemap(urls)),
      deps: [LISTS, PAGES],
    };
  }
}

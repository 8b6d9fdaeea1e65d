// The site a route renders from: config, theme, store and the current snapshot, wired once.

import type { SiteConfig } from '../config/site-config.js';
import type { ImageCatalog } from '../images/catalog.js';
import type { VariantCache } from '../images/variants.js';
import type { Theme } from '../render/theme.js';
import type { ViewFactory } from '../render/view-models.js';
import { SiteSearch } from '../search/site-search.js';
import type { Store } from '../store/store.js';
import type { PostCard, PostSummary, RenderedPage } from '../types.js';
import { changedDeps, type DepValues, depValues, NAV } from './changes.js';
import { countLeftOut, type LeftOut } from './entry-state.js';
import { nearestPosts } from './nearest.js';
import { type StoredRelated, storedRelated } from './related.js';
import {
  readContents,
  type Snapshot,
  type StoreContents,
  takeSnapshot,
  type Visibility,
} from './snapshot.js';

export const HTML = 'text/html; charset=utf-8';

/** The build's 404 page, which static hosts answer missing paths with. */
export const NOT_FOUND_PAGE = '/404.html';

export interface SiteOptions {
  config: SiteConfig;
  theme: Theme;
  store: Store;
  views: ViewFactory;
  visibility: Visibility;
  now?: () => number;
}

/** What a new snapshot changed: the dependencies that differ, or null for everything. */
export type ChangeListener = (deps: ReadonlySet<string> | null) => void;

export class Site {
  config: SiteConfig;
  theme: Theme;
  views: ViewFactory;
  readonly store: Store;
  readonly visibility: Visibility;
  readonly now: () => number;
  /** The search index of the current snapshot, made on first need. */
  readonly search: SiteSearch;
  /** The images of media/ and their WebP variants, once the site has them (compose.ts). */
  images: { catalog: ImageCatalog; variants: VariantCache } | null = null;
  /** Told each time the snapshot is taken again (a render cache drops what changed). */
  private readonly listeners = new Set<ChangeListener>();
  /** The store's lists, read on first need after a sync (a no-change build never needs them). */
  private contents: StoreContents | null = null;
  private current: Snapshot | null = null;
  /** A sync happened since the snapshot was taken: take it again on next need. */
  private stale = true;
  /** The current snapshot's dependency values, kept while someone listens, to compare with. */
  private values: DepValues | null = null;
  /** Each summary's HTML once a list has read it; a sync's new summaries are read anew. */
  private readonly summaryHtml = new WeakMap<PostSummary, string>();

  constructor({ config, theme, store, views, visibility, now = Date.now }: SiteOptions) {
    this.config = config;
    this.theme = theme;
    this.store = store;
    this.views = views;
    this.visibility = visibility;
    this.now = now;
    this.search = new SiteSearch(store);
  }

  /**
   * Tells `listener` what each new snapshot changed, from the next one on; returns the call that
   * stops it. Dependency values are kept only while someone listens (a build does not).
   */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.values = null;
    };
  }

  private tell(deps: ReadonlySet<string> | null): void {
    for (const listener of this.listeners) listener(deps);
  }

  /** Forgets the store's lists after a sync; call load() before the next snapshot. */
  invalidate(): void {
    this.contents = null;
    this.stale = true;
  }

  /** New settings or theme (meta.toml, a lang file or a template was edited): every page differs. */
  reconfigure({ config, theme, views }: Pick<Site, 'config' | 'theme' | 'views'>): void {
    this.config = config;
    this.theme = theme;
    this.views = views;
    // The snapshot is kept (it is data, not rendering) so requests during the sync that follows
    // still have one; every page is dropped now.
    this.stale = true;
    this.tell(null);
  }

  /** An image of media/ was added, changed or removed: pages showing images show it anew. */
  imagesChanged(): void {
    this.stale = true;
    this.tell(null);
  }

  /** Reads the store's lists if a sync changed them since the last read. */
  async load(): Promise<void> {
    this.contents ??= await readContents(this.store);
  }

  /**
   * The site as of now: taken again after a sync, and when a scheduled post's time has come (so
   * it shows up without a restart). Whoever listens is told what differs from the last one.
   */
  snapshot(): Snapshot {
    const due = this.current?.nextChangeAt;
    const now = this.now();
    if (this.current && !this.stale && (due === null || due === undefined || now < due))
      return this.current;
    if (!this.contents) {
      // A sync is reading the store's new lists: until it has, requests see the site as it was.
      if (this.current) return this.current;
      throw new TypeError('Site.snapshot() before Site.load()');
    }
    const last = this.current ?? undefined;
    const next = takeSnapshot(this.contents, this.visibility, now, this.config.links, last);
    this.current = next;
    this.stale = false;
    if (this.listeners.size) {
      const before = this.values;
      this.values = depValues(next, { wordCount: this.theme.showsWordCount });
      this.tell(before ? changedDeps(before, this.values) : null);
    }
    return next;
  }

  /**
   * The current snapshot's related lists in the store's form, when the store holds others (the
   * build keeps them for the next one); null when the store's are these.
   */
  relatedToKeep(): StoredRelated | null {
    const snap = this.snapshot();
    if (this.contents?.related?.digest === snap.relatedDigest) return null;
    return storedRelated(snap.relatedDigest, snap.related);
  }

  /** The drafts and scheduled posts that snapshots leave out now (after load()). */
  leftOut(): LeftOut {
    if (!this.contents) throw new TypeError('Site.leftOut() before Site.load()');
    return countLeftOut(this.contents, this.visibility, this.now());
  }

  /**
   * The cards of `posts` as lists show them, with their summaries' HTML, which the store keeps
   * apart from the summaries (types.ts): read here for the posts no list has shown yet.
   */
  async cards(posts: readonly PostSummary[], snap: Snapshot): Promise<PostCard[]> {
    const unread = posts.filter((p) => !this.summaryHtml.has(p));
    if (unread.length) {
      const found = await this.store.summaryHtml(unread.map((p) => p.id));
      // A post deleted since the snapshot was taken shows no summary until the next one.
      for (const p of unread) this.summaryHtml.set(p, found.get(p.id) ?? '');
    }
    return posts.map((p) => this.views.card(p, snap, this.summaryHtml.get(p) ?? ''));
  }

  /** A page of the theme; `deps` name what it shows (see changes.ts). */
  html(template: string, view: object, deps: readonly string[] = []): RenderedPage {
    const body = Buffer.from(this.theme.render(template, view));
    return { status: 200, type: HTML, body, deps: [...deps, NAV] };
  }

  /**
   * The themed 404 for `path`, offering the posts whose slugs are nearest to what it asked; the
   * build's /404.html, which answers for every missing path of a static host, offers none.
   */
  notFound(path: string): RenderedPage {
    const t = this.views.site('').t;
    const snap = this.current ?? undefined;
    const near = snap && path !== NOT_FOUND_PAGE ? nearestPosts(snap, path) : [];
    const view = {
      ...this.views.base(path, t('notfound.title'), '', '', snap),
      suggestions: near.map((p) => ({ title: p.title, url: this.views.url(p.path) })),
      // Its search box asks for the words of the path: '/2015/10/mem-leak.html' → 'mem leak'.
      query: path === NOT_FOUND_PAGE ? '' : wordsOfPath(path),
    };
    return { ...this.html('404', view), status: 404 };
  }
}

/** The words of a path's last part, for a search: no extension, no digits-only parts. */
function wordsOfPath(path: string): string {
  const last = path.split('/').filter(Boolean).at(-1) ?? '';
  const words = last.replace(/\.[a-z0-9]+$/i, '').split(/[-_.+\s]+/);
  return words
    .filter((w) => w && !/^\d+$/.test(w))
    .join(' ')
    .slice(0, 100);
}

// The site a route renders from: config, theme, store and the current snapshot, wired once.

import type { SiteConfig } from '../config/site-config.js';
import type { Theme } from '../render/theme.js';
import type { ViewFactory } from '../render/view-models.js';
import type { Store } from '../store/store.js';
import type { RenderedPage } from '../types.js';
import {
  readContents,
  type Snapshot,
  type StoreContents,
  takeSnapshot,
  type Visibility,
} from './snapshot.js';

export const HTML = 'text/html; charset=utf-8';

export interface SiteOptions {
  config: SiteConfig;
  theme: Theme;
  store: Store;
  views: ViewFactory;
  visibility: Visibility;
  now?: () => number;
}

export class Site {
  readonly config: SiteConfig;
  readonly theme: Theme;
  readonly store: Store;
  readonly views: ViewFactory;
  readonly visibility: Visibility;
  readonly now: () => number;
  /** The store's lists, read on first need after a sync (a no-change build never needs them). */
  private contents: StoreContents | null = null;
  private current: Snapshot | null = null;
  private generation = 0;

  constructor({ config, theme, store, views, visibility, now = Date.now }: SiteOptions) {
    this.config = config;
    this.theme = theme;
    this.store = store;
    this.views = views;
    this.visibility = visibility;
    this.now = now;
  }

  /** Forgets the store's lists; call after every sync, then load() before the next snapshot. */
  /**
   * Changes whenever what the site shows may have changed (a sync, a scheduled post coming
   * due): a page rendered at another version is out of date.
   */
  get version(): number {
    this.snapshot();
    return this.generation;
  }

  invalidate(): void {
    this.generation++;
    this.contents = null;
    this.current = null;
  }

  /** Reads the store's lists if a sync changed them since the last read. */
  async load(): Promise<void> {
    this.contents ??= await readContents(this.store);
  }

  /** The site as of now: a scheduled post whose time has come shows up without a restart. */
  snapshot(): Snapshot {
    if (!this.contents) throw new TypeError('Site.snapshot() before Site.load()');
    const now = this.now();
    const due = this.current?.nextChangeAt;
    if (!this.current || (due !== null && due !== undefined && now >= due)) {
      this.current = takeSnapshot(this.contents, this.visibility, now);
      this.generation++;
    }
    return this.current;
  }

  html(template: string, view: object, status: 200 | 404 = 200): RenderedPage {
    return { status, type: HTML, body: Buffer.from(this.theme.render(template, view)) };
  }

  notFound(path: string): RenderedPage {
    const t = this.views.site('').t;
    const view = this.views.base(path, t('notfound.title'), '', '');
    return this.html('404', view, 404);
  }
}

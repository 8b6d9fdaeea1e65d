// Warming the render cache: after start and after each change, every URL of the route table is
// rendered and compressed in idle time, so a reader's first request for a page is a cache hit.

import { type Logger, thousands } from '../log.js';
import type { HandlerPool } from '../site/handler-pool.js';
import type { Params, RouteHandler } from '../site/handlers.js';
import type { Route } from '../site/routes.js';
import type { Site } from '../site/site.js';
import type { CachedPage, RenderCache } from './render-cache.js';

export interface WarmerOptions {
  site: Site;
  routes: readonly Route[];
  pools: Map<string, HandlerPool<RouteHandler>>;
  cache: RenderCache;
  /** Renders one page into the cache, as a request that missed it would (app.ts). */
  renderInto: (handler: RouteHandler, path: string, params: Params) => Promise<CachedPage | null>;
  /** Told once, when warming first stops for want of room: how large a cache the site needs. */
  log?: Logger;
}

export interface WarmerFigures {
  /** Pages rendered into the cache by warming, since start. */
  warmed: number;
  /** Pages whose render failed while warming (a request for one shows the error). */
  failed: number;
  passes: number;
  running: boolean;
}

/**
 * Warming stops while the cache has less room than this share of its bound left: it must never
 * evict a page a reader asked for to make room for one no one has asked for yet.
 */
const HEADROOM = 0.1;

/**
 * One page a macrotask (setImmediate), so requests that arrive meanwhile wait for at most one
 * page's render (about a millisecond) and are answered between pages. A change during a pass
 * starts another pass once this one ends; pages already kept are skipped, so it costs little.
 */
export class CacheWarmer {
  private readonly o: WarmerOptions;
  private running = false;
  private again = false;
  private stopped = false;
  private counts = { warmed: 0, failed: 0, passes: 0 };
  private toldFull = false;

  constructor(options: WarmerOptions) {
    this.o = options;
  }

  /** Starts a pass, or asks for another after the one under way. */
  schedule(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    setImmediate(() => void this.pass());
  }

  stop(): void {
    this.stopped = true;
  }

  figures(): WarmerFigures {
    return { ...this.counts, running: this.running };
  }

  private async pass(): Promise<void> {
    try {
      do {
        this.again = false;
        this.counts.passes++;
        await this.warmAll();
      } while (this.again && !this.stopped);
    } finally {
      this.running = false;
    }
  }

  private async warmAll(): Promise<void> {
    const { site, routes, pools, cache } = this.o;
    const snap = site.snapshot();
    for (const route of routes) {
      const pool = pools.get(route.name);
      if (!pool || route.onRequest) continue;
      for (const { path, params } of route.entries(snap, site)) {
        if (this.stopped || this.again) return;
        if (cache.room() < cache.maxBytes * HEADROOM) return this.tellFull();
        if (cache.peek(path)) continue;
        await new Promise((next) => setImmediate(next));
        await this.warmOne(pool, path, params);
      }
    }
  }

  /** How many pages the site has and how large a cache would hold them, said once. */
  private tellFull(): void {
    const { site, routes, cache, log } = this.o;
    if (this.toldFull || !log) return;
    this.toldFull = true;
    const snap = site.snapshot();
    let pages = 0;
    for (const route of routes) {
      if (!route.onRequest) for (const _ of route.entries(snap, site)) pages++;
    }
    const { entries, bytes } = cache.figures();
    const mib = (n: number) => Math.ceil(n / 2 ** 20);
    const needed = entries ? mib(((bytes / entries) * pages) / (1 - HEADROOM)) : 0;
    log.info(
      `pugo: the render cache ([server] cache_bytes, ${mib(cache.maxBytes)} MiB) holds ${thousands(entries)} of the site's ${thousands(pages)} pages; about ${thousands(needed)} MiB would hold them all (README: Serving)`,
    );
  }

  private async warmOne(pool: HandlerPool<RouteHandler>, path: string, params: Params) {
    const handler = pool.acquire();
    try {
      const page = await this.o.renderInto(handler, path, params);
      if (!page) return;
      this.counts.warmed++;
      // The cache compresses what it keeps; waiting for it paces warming to the compressor.
      if (page.compressible && this.o.cache.peek(path) === page) {
        await this.o.cache.form(path, page, 'br');
      }
    } catch {
      // A page that fails to render fails for its request too, which logs it there.
      this.counts.failed++;
    } finally {
      pool.release(handler);
    }
  }
}

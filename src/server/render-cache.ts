// The render cache: rendered pages by path, bounded in bytes, each kept in the fewest forms that
// answer its clients: a compressible page as brotli, made as it is kept, and the plain bytes and
// gzip beside it only while a client asks for them and they fit; each form with a strong ETag.

import { LRUCache } from 'lru-cache';
import { hashBytes } from '../hash.js';
import type { RenderedPage } from '../types.js';
import { type Coding, compressible, decode, type Encoding, encode } from './codings.js';

export type { Encoding } from './codings.js';

/** A bounded cache's figures, for /debug/vars and the dashboard. */
export interface CacheFigures {
  name: string;
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  evictions: number;
  /** Entries dropped because what they show changed. */
  dropped: number;
  /** Forms made for a request and not kept, for want of room (see RenderCache.keep). */
  notKept: number;
  /** Bytes kept of each form: plain, brotli, gzip. */
  bytesByCoding: Record<Coding, number>;
  /** Compressions and decompressions done, and the time they took in all. */
  codings: number;
  codingMs: number;
}

export interface CachedPage {
  type: string;
  /** One strong ETag per representation (RFC 9110): the body's hash, plus the coding. */
  etags: Record<Coding, string>;
  lastModified: Date;
  /** The same, as the header wants it: formatted once, not per request. */
  lastModifiedText: string;
  /** A file's mtime (it is read again when that differs); 0 for a rendered page. */
  stamp: number;
  /** What a rendered page shows: it is dropped when one of these changes. */
  deps: readonly string[];
  /** Uncompressed length. */
  length: number;
  /** Whether compressing pays (by type and length): such a page is kept as brotli. */
  compressible: boolean;
  /** The forms made and kept, for answering without waiting on a promise. */
  made: Partial<Record<Coding, Buffer>>;
  /** Forms being made: a second request for one waits on the first's work. */
  making: Partial<Record<Coding, Promise<Buffer>>>;
  /** Forms a client has been sent: the plain bytes are let go once brotli exists, unless sent. */
  sent: Partial<Record<Coding, true>>;
  /** Bytes of every form kept: what the cache counts. */
  size: number;
}

/** See RenderCache.admit. */
const ADMIT_WHEN_FULL = 8;

export class RenderCache {
  private readonly lru: LRUCache<string, CachedPage> | null;
  private counts = {
    hits: 0,
    misses: 0,
    evictions: 0,
    dropped: 0,
    notKept: 0,
    codings: 0,
    codingMs: 0,
  };
  /** Compressible pages rendered and being compressed, kept once that is done (admitCompressed). */
  private readonly compressing = new Map<string, CachedPage>();
  /**
   * Pages kept as brotli that also hold spare forms (plain, gzip: made from brotli again in well
   * under a millisecond), oldest first: those forms go before any page is evicted (shed).
   */
  private readonly spare = new Set<string>();
  /** Pages that missed while the cache was full: one in ADMIT_WHEN_FULL of them is kept. */
  private fullMisses = 0;
  /**
   * Bumped by every invalidation: a page whose render began before one may show what changed,
   * so it is answered but not kept.
   */
  epoch = 0;

  constructor(readonly maxBytes: number) {
    this.lru =
      maxBytes > 0
        ? new LRUCache<string, CachedPage>({
            maxSize: maxBytes,
            sizeCalculation: (page) => page.size,
            dispose: (_page, key, reason) => {
              this.spare.delete(key);
              if (reason === 'evict') this.counts.evictions++;
            },
          })
        : null;
  }

  /** The page for `path`, if kept (and for a file, if its mtime is still `stamp`). */
  get(path: string, stamp = 0): CachedPage | undefined {
    const page = this.lru?.get(path) ?? this.compressing.get(path);
    if (page && page.stamp === stamp) {
      this.counts.hits++;
      return page;
    }
    this.counts.misses++;
    return undefined;
  }

  /** The rendered page kept for `path`, without counting a hit or a miss (the warmer looks). */
  peek(path: string): CachedPage | undefined {
    const page = this.lru?.peek(path) ?? this.compressing.get(path);
    return page && page.stamp === 0 ? page : undefined;
  }

  /** Bytes the cache can take before it evicts. */
  room(): number {
    return this.lru ? this.maxBytes - this.lru.calculatedSize : 0;
  }

  /**
   * Keeps a 200 page (other statuses are answered but not kept) and returns its cache form.
   * A file passes its mtime as `stamp`, which is also its Last-Modified; a rendered page passes
   * the `epoch` read before rendering, and is not kept if an invalidation came since.
   */
  put(path: string, page: RenderedPage, { stamp = 0, epoch = this.epoch } = {}): CachedPage {
    const modified = stamp || Date.now();
    const hash = hashBytes(page.body).slice(0, 27);
    const lastModified = new Date(Math.floor(modified / 1000) * 1000);
    const cached: CachedPage = {
      type: page.type,
      etags: { identity: `"${hash}"`, br: `"${hash}-br"`, gzip: `"${hash}-gzip"` },
      lastModified,
      lastModifiedText: lastModified.toUTCString(),
      stamp,
      deps: page.deps ?? [],
      length: page.body.length,
      compressible: compressible(page.type, page.body.length),
      made: { identity: page.body },
      making: {},
      sent: {},
      size: page.body.length,
    };
    if (page.status !== 200 || epoch !== this.epoch || !this.lru) return cached;
    if (cached.compressible) this.admitCompressed(path, cached, epoch);
    else this.admit(path, cached);
    return cached;
  }

  /**
   * A compressible page is kept once its brotli form is made, in zlib's thread pool, while the
   * request that rendered it is answered: as brotli it takes a fifth of the room, and admitted at
   * its plain size it would evict five such pages for a millisecond. Meanwhile it is answered
   * from `compressing`; an invalidation empties that, and what it held is then not kept.
   */
  private admitCompressed(path: string, page: CachedPage, epoch: number): void {
    this.compressing.set(path, page);
    const done = () => {
      if (this.compressing.get(path) !== page) return;
      this.compressing.delete(path);
      if (epoch === this.epoch) this.admit(path, page);
    };
    // A failed compression keeps nothing; the next request renders again and sees the error.
    Promise.resolve(this.form(path, page, 'br')).then(done, () => {
      if (this.compressing.get(path) === page) this.compressing.delete(path);
    });
  }

  /** Resolves once the pages being compressed now are kept (or not): for tests and figures. */
  async settled(): Promise<void> {
    const pending = [...this.compressing.values()].map((page) => page.making.br);
    // Each page's admission was chained on its compression first, so it has run by then.
    await Promise.allSettled(pending);
  }

  /**
   * Plain LRU keeps nothing of a site larger than itself read end to end, again and again (a
   * crawler, a reader of the archive): each page evicts the one the next pass asks for first.
   * So while the cache is full, one page in ADMIT_WHEN_FULL that missed is kept, evicting the
   * least recently used, and the rest are answered and not kept: on such a cycle about the
   * cache's share of the site stays and is hit, and a page read often still gets in soon.
   */
  private admit(path: string, page: CachedPage): void {
    const lru = this.lru;
    if (!lru) return;
    if (!lru.has(path) && this.room() < page.size) this.shed(page.size);
    const full = lru.calculatedSize + page.size > this.maxBytes && !lru.has(path);
    if (page.size > this.maxBytes || (full && this.fullMisses++ % ADMIT_WHEN_FULL !== 0)) return;
    lru.set(path, page);
    this.noteSpare(path, page);
  }

  private noteSpare(path: string, page: CachedPage): void {
    if (page.made.br && (page.made.identity || page.made.gzip)) this.spare.add(path);
  }

  /**
   * Makes `needed` bytes of room, if it can, by letting go of spare forms, oldest first. Measuring
   * an entry again makes it the most recently used (lru-cache has no other way to), which moves a
   * page that gave up its spare forms away from eviction: so be it, it is smaller now.
   */
  private shed(needed: number): void {
    for (const path of this.spare) {
      if (this.room() >= needed) return;
      this.spare.delete(path);
      const page = this.lru?.peek(path);
      if (!page?.made.br) continue;
      for (const coding of ['identity', 'gzip'] as const) {
        const bytes = page.made[coding];
        if (!bytes) continue;
        delete page.made[coding];
        page.size -= bytes.length;
      }
      this.measureAgain(path, page);
    }
  }

  /**
   * Puts a kept page back so the cache counts its new size (and evicts if it overflows):
   * lru-cache measures an entry again only when set to another value, so it is deleted first.
   */
  private measureAgain(path: string, page: CachedPage): void {
    const lru = this.lru;
    if (!lru) return;
    lru.delete(path);
    if (page.size <= this.maxBytes) lru.set(path, page);
  }

  /** The page in `coding` for a client: see form. */
  take(path: string, page: CachedPage, coding: Coding): Buffer | Promise<Buffer> {
    page.sent[coding] = true;
    return this.form(path, page, coding);
  }

  /**
   * The page in `coding`, made the first time it is needed (from the plain bytes, or those from
   * brotli) and kept as keep() decides; a second caller while it is made waits on the first's work.
   */
  form(path: string, page: CachedPage, coding: Coding): Buffer | Promise<Buffer> {
    const made = page.made[coding];
    if (made) return made;
    let making = page.making[coding];
    if (!making) {
      making = this.make(page, coding).then((bytes) => {
        delete page.making[coding];
        this.keep(path, page, coding, bytes);
        return bytes;
      });
      // The request that asked sees a failure; the next one tries again.
      making.catch(() => delete page.making[coding]);
      page.making[coding] = making;
    }
    return making;
  }

  private async make(page: CachedPage, coding: Coding): Promise<Buffer> {
    const started = performance.now();
    try {
      if (coding !== 'identity') {
        const plain = page.made.identity ?? (await this.plainOf(page));
        return await encode(coding, plain);
      }
      return await this.plainOf(page);
    } finally {
      this.counts.codings++;
      this.counts.codingMs += performance.now() - started;
    }
  }

  private plainOf(page: CachedPage): Promise<Buffer> {
    if (page.made.identity) return Promise.resolve(page.made.identity);
    const from: Encoding | undefined = page.made.br ? 'br' : page.made.gzip ? 'gzip' : undefined;
    const bytes = from && page.made[from];
    if (!from || !bytes) return Promise.reject(new TypeError('a kept page without any form'));
    return decode(from, bytes);
  }

  /**
   * Adds a form to the page. Brotli is what a compressible page is kept as, and its plain bytes
   * are let go then unless a client was sent them and they fit. Any other form made from brotli
   * (plain for a client that sends no Accept-Encoding, gzip) is kept only where it fits without
   * evicting a page: a cache that holds a site as brotli would otherwise evict it, page after
   * page, for forms that cost a fraction of a millisecond to make again, and render the evicted
   * pages again (the cliff `pugo plain` fell off at 1,000 posts: 2,944 req/s, p99 62 ms).
   */
  private keep(path: string, page: CachedPage, coding: Coding, bytes: Buffer): void {
    const lru = this.lru;
    const kept = lru?.peek(path) === page;
    if (coding !== 'br' && (!kept || this.room() < bytes.length)) {
      this.counts.notKept++;
      return;
    }
    page.made[coding] = bytes;
    page.size += bytes.length;
    const plain = page.made.identity;
    // A page not yet kept (admitCompressed) must fit whole; a kept one, the bytes it gains.
    const needed = kept ? bytes.length : page.size;
    if (coding === 'br' && plain && (!page.sent.identity || this.room() < needed)) {
      delete page.made.identity;
      page.size -= plain.length;
    }
    if (!kept) return;
    this.measureAgain(path, page);
    this.noteSpare(path, page);
  }

  /** Drops the pages showing any of `deps`; null drops every page (files stay: mtimes judge them). */
  invalidate(deps: ReadonlySet<string> | null): void {
    this.epoch++;
    this.compressing.clear();
    if (!this.lru) return;
    const gone: string[] = [];
    for (const [path, page] of this.lru.entries()) {
      if (page.stamp !== 0) continue;
      if (deps === null || page.deps.some((d) => deps.has(d))) gone.push(path);
    }
    for (const path of gone) this.lru.delete(path);
    this.counts.dropped += gone.length;
  }

  /** Walks every entry for the bytes of each form: for /debug/vars, never on a request path. */
  figures(): CacheFigures {
    const bytesByCoding: Record<Coding, number> = { identity: 0, br: 0, gzip: 0 };
    for (const page of this.lru?.values() ?? []) {
      for (const [coding, bytes] of Object.entries(page.made) as [Coding, Buffer][]) {
        bytesByCoding[coding] += bytes.length;
      }
    }
    return {
      name: 'render',
      entries: this.lru?.size ?? 0,
      bytes: this.lru?.calculatedSize ?? 0,
      maxBytes: this.maxBytes,
      ...this.counts,
      codingMs: Math.round(this.counts.codingMs),
      bytesByCoding,
    };
  }
}

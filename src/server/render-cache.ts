// The render cache: rendered pages by path, bounded in bytes, each compressed at most once per
// encoding and kept, with a strong ETag per representation.

import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { hashBytes } from '../store/hash.js';
import type { RenderedPage } from '../types.js';

export type Encoding = 'br' | 'gzip';

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
}

export interface CachedPage {
  type: string;
  body: Buffer;
  /** One strong ETag per representation (RFC 9110): the body's hash, plus the coding. */
  etags: Record<Encoding | 'identity', string>;
  lastModified: Date;
  /** The same, as the header wants it: formatted once, not per request. */
  lastModifiedText: string;
  /** A file's mtime (it is read again when that differs); 0 for a rendered page. */
  stamp: number;
  /** What a rendered page shows: it is dropped when one of these changes. */
  deps: readonly string[];
  variants: Partial<Record<Encoding, Promise<Buffer>>>;
  /** The variants already made, for answering without waiting on a promise. */
  made: Partial<Record<Encoding, Buffer>>;
  /** Bytes of the body and of every variant made so far: what the cache counts. */
  size: number;
}

const compress: Record<Encoding, (body: Buffer) => Promise<Buffer>> = {
  // Quality 9: within a few per cent of 11 for HTML, at a fraction of the time.
  br: (body) =>
    promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
  gzip: (body) => promisify(gzip)(body, { level: 9 }),
};

export class RenderCache {
  private readonly lru: LRUCache<string, CachedPage> | null;
  private counts = { hits: 0, misses: 0, evictions: 0, dropped: 0 };
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
            dispose: (_page, _key, reason) => {
              if (reason === 'evict') this.counts.evictions++;
            },
          })
        : null;
  }

  /** The page for `path`, if kept (and for a file, if its mtime is still `stamp`). */
  get(path: string, stamp = 0): CachedPage | undefined {
    const page = this.lru?.get(path);
    if (page && page.stamp === stamp) {
      this.counts.hits++;
      return page;
    }
    this.counts.misses++;
    return undefined;
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
      body: page.body,
      etags: { identity: `"${hash}"`, br: `"${hash}-br"`, gzip: `"${hash}-gzip"` },
      lastModified,
      lastModifiedText: lastModified.toUTCString(),
      stamp,
      deps: page.deps ?? [],
      variants: {},
      made: {},
      size: page.body.length,
    };
    if (page.status === 200 && cached.size <= this.maxBytes && epoch === this.epoch)
      this.lru?.set(path, cached);
    return cached;
  }

  /** The page's body in `encoding`, compressed the first time it is asked for and then kept. */
  encoded(path: string, page: CachedPage, encoding: Encoding): Promise<Buffer> {
    let variant = page.variants[encoding];
    if (!variant) {
      variant = compress[encoding](page.body);
      page.variants[encoding] = variant;
      variant.then(
        (bytes) => {
          page.made[encoding] = bytes;
          page.size += bytes.length;
          // Put back so the cache counts the variant's bytes (and evicts if they overflow it):
          // lru-cache measures an entry again only when set to another value, so delete first.
          if (this.lru?.peek(path) === page) {
            this.lru.delete(path);
            this.lru.set(path, page);
          }
        },
        // The request that asked sees the failure; the next one tries again.
        () => delete page.variants[encoding],
      );
    }
    return variant;
  }

  /** Drops the pages showing any of `deps`; null drops every page (files stay: mtimes judge them). */
  invalidate(deps: ReadonlySet<string> | null): void {
    this.epoch++;
    if (!this.lru) return;
    const gone: string[] = [];
    for (const [path, page] of this.lru.entries()) {
      if (page.stamp !== 0) continue;
      if (deps === null || page.deps.some((d) => deps.has(d))) gone.push(path);
    }
    for (const path of gone) this.lru.delete(path);
    this.counts.dropped += gone.length;
  }

  figures(): CacheFigures {
    return {
      name: 'render',
      entries: this.lru?.size ?? 0,
      bytes: this.lru?.calculatedSize ?? 0,
      maxBytes: this.maxBytes,
      ...this.counts,
    };
  }
}

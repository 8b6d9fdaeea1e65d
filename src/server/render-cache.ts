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
}

export interface CachedPage {
  type: string;
  body: Buffer;
  /** One strong ETag per representation (RFC 9110): the body's hash, plus the coding. */
  etags: Record<Encoding | 'identity', string>;
  lastModified: Date;
  /** The same, as the header wants it: formatted once, not per request. */
  lastModifiedText: string;
  /** The site version the page was rendered at. */
  version: number;
  variants: Partial<Record<Encoding, Promise<Buffer>>>;
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
  private counts = { hits: 0, misses: 0, evictions: 0 };

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

  /** The page for `path` if it was rendered at `version`. */
  get(path: string, version: number): CachedPage | undefined {
    const page = this.lru?.get(path);
    if (page && page.version === version) {
      this.counts.hits++;
      return page;
    }
    this.counts.misses++;
    return undefined;
  }

  /**
   * Keeps a 200 page (other statuses are answered but not kept) and returns its cache form;
   * `modified` is its Last-Modified (now for a rendered page, the mtime for a file).
   */
  put(path: string, page: RenderedPage, version: number, modified = Date.now()): CachedPage {
    const hash = hashBytes(page.body).slice(0, 27);
    const lastModified = new Date(Math.floor(modified / 1000) * 1000);
    const cached: CachedPage = {
      type: page.type,
      body: page.body,
      etags: { identity: `"${hash}"`, br: `"${hash}-br"`, gzip: `"${hash}-gzip"` },
      lastModified,
      lastModifiedText: lastModified.toUTCString(),
      version,
      variants: {},
      size: page.body.length,
    };
    if (page.status === 200 && cached.size <= this.maxBytes) this.lru?.set(path, cached);
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
          page.size += bytes.length;
          // Set again so the cache counts the variant's bytes (and evicts if they overflow it).
          if (this.lru?.peek(path) === page) this.lru.set(path, page);
        },
        // The request that asked sees the failure; the next one tries again.
        () => delete page.variants[encoding],
      );
    }
    return variant;
  }

  clear(): void {
    this.lru?.clear();
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

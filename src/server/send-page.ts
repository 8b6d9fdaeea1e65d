// Sending a rendered page: validators (ETag, Last-Modified), 304s, and the encoding the client
// prefers among those worth making.

import type { Context } from 'koa';
import type { CachedPage, Encoding, RenderCache } from './render-cache.js';

/** Text compresses; images and archives are compressed already. */
const COMPRESSIBLE =
  /^(text\/|application\/(json|xml|rss\+xml|atom\+xml|feed\+json|javascript)|image\/svg\+xml)/;
/** Below this the headers and the compressor's framing cost more than they save. */
const MIN_COMPRESS_BYTES = 1024;

/**
 * Pages change only when content does: clients and proxies keep them but ask again each time,
 * and a 304 costs a few headers.
 */
const CACHE_CONTROL = 'public, max-age=0, must-revalidate';

/** The q-value Accept-Encoding gives `coding` (by name, else by `*`; 0 when absent). */
export function qualityOf(header: string, coding: string): number {
  let named = -1;
  let star = -1;
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const value = q ? Number(q.slice(2)) : 1;
    if (name === coding) named = Number.isNaN(value) ? 0 : value;
    else if (name === '*') star = Number.isNaN(value) ? 0 : value;
  }
  return named >= 0 ? named : Math.max(star, 0);
}

/** The client's best-rated coding of ours; on a tie brotli, which is smaller. */
function chooseEncoding(ctx: Context, page: CachedPage): Encoding | null {
  if (page.body.length < MIN_COMPRESS_BYTES || !COMPRESSIBLE.test(page.type)) return null;
  const header = ctx.get('Accept-Encoding');
  if (!header) return null;
  const br = qualityOf(header, 'br');
  const gz = qualityOf(header, 'gzip');
  if (br > 0 && br >= gz) return 'br';
  return gz > 0 ? 'gzip' : null;
}

/**
 * RFC 9110's If-None-Match (weak comparison, lists, `*`), else If-Modified-Since. Written out
 * because Koa's ctx.fresh parses the response headers back for every request.
 */
function notModified(
  ctx: Context,
  etag: string,
  lastModified: CachedPage['lastModified'],
): boolean {
  const ifNoneMatch = ctx.get('If-None-Match');
  if (ifNoneMatch) {
    if (ifNoneMatch.trim() === '*') return true;
    return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
  }
  const since = Date.parse(ctx.get('If-Modified-Since'));
  return !Number.isNaN(since) && lastModified.getTime() <= since;
}

/**
 * Everything here is a lookup or a header: the type, validators and compressed bodies were made
 * when the page was cached, so a hit does no MIME lookup, rendering or compression.
 */
export async function sendPage(
  ctx: Context,
  path: string,
  page: CachedPage,
  cache: RenderCache,
): Promise<void> {
  const encoding = chooseEncoding(ctx, page);
  const etag = encoding ? page.etags[encoding] : page.etags.identity;
  const res = ctx.res;
  ctx.status = 200;
  res.setHeader('Content-Type', page.type);
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Cache-Control', CACHE_CONTROL);
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', page.lastModifiedText);
  if (notModified(ctx, etag, page.lastModified)) {
    ctx.status = 304;
    return;
  }
  if (!encoding) {
    ctx.body = page.body;
    return;
  }
  res.setHeader('Content-Encoding', encoding);
  ctx.body = await cache.encoded(path, page, encoding);
}

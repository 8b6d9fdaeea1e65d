// Sending a rendered page: validators (ETag, Last-Modified), 304s, and the encoding the client
// prefers among those worth making.

import type { IncomingHttpHeaders } from 'node:http';
import type { Context } from 'koa';
import type { Encoding } from './codings.js';
import type { CachedPage, RenderCache } from './render-cache.js';

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

/** The client's best-rated coding of ours for an Accept-Encoding header; on a tie brotli, which is smaller. */
function preferredEncoding(header: string): Encoding | null {
  const br = qualityOf(header, 'br');
  const gz = qualityOf(header, 'gzip');
  if (br > 0 && br >= gz) return 'br';
  return gz > 0 ? 'gzip' : null;
}

/**
 * Clients send a handful of distinct Accept-Encoding headers, so each is parsed once. Bounded:
 * a client sending a new one each time only makes the map start afresh.
 */
const preferred = new Map<string, Encoding | null>();
const PREFERRED_MAX = 64;

function chooseEncoding(header: string | undefined, page: CachedPage): Encoding | null {
  if (!header || !page.compressible) return null;
  let choice = preferred.get(header);
  if (choice === undefined) {
    if (preferred.size >= PREFERRED_MAX) preferred.clear();
    choice = preferredEncoding(header);
    preferred.set(header, choice);
  }
  return choice;
}

/**
 * RFC 9110's If-None-Match (weak comparison, lists, `*`), else If-Modified-Since. Written out
 * because Koa's ctx.fresh parses the response headers back for every request.
 */
function notModified(
  headers: IncomingHttpHeaders,
  etag: string,
  lastModified: CachedPage['lastModified'],
): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch) {
    if (ifNoneMatch.trim() === '*') return true;
    return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
  }
  const ifModifiedSince = headers['if-modified-since'];
  if (!ifModifiedSince) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && lastModified.getTime() <= since;
}

/**
 * Everything here is a lookup or a header: the type, validators and compressed bodies were made
 * when the page was cached, so a hit does no MIME lookup, rendering or compression, and waits
 * for nothing unless its compressed body is still being made.
 */
export function sendPage(
  ctx: Context,
  path: string,
  page: CachedPage,
  cache: RenderCache,
): Promise<void> | undefined {
  const headers = ctx.req.headers;
  const encoding = chooseEncoding(headers['accept-encoding'], page);
  const etag = encoding ? page.etags[encoding] : page.etags.identity;
  const res = ctx.res;
  // No ctx.status = 200: setting the body does that, and a 304 sets its own.
  res.setHeader('Content-Type', page.type);
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Cache-Control', CACHE_CONTROL);
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', page.lastModifiedText);
  if (notModified(headers, etag, page.lastModified)) {
    ctx.status = 304;
    return;
  }
  if (encoding) res.setHeader('Content-Encoding', encoding);
  const body = cache.take(path, page, encoding ?? 'identity');
  if (Buffer.isBuffer(body)) {
    ctx.body = body;
    return;
  }
  return body.then((bytes) => {
    ctx.body = bytes;
  });
}

// Static files: the theme's static/ at the site root and content/media/ at /media/.

import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import type { Middleware } from 'koa';
import mime from 'mime-types';
import { type StaticRoot, servesFile } from '../site/published.js';
import type { RenderCache } from './render-cache.js';
import { fileUnder } from './request-path.js';
import { sendPage } from './send-page.js';

/** The file a decoded path names under one of the roots, or null; symlinks may not leave a root. */
export async function findStatic(roots: StaticRoot[], path: string): Promise<string | null> {
  // A file's name never ends in '/': '/media/a.png/' is not '/media/a.png'.
  if (path.endsWith('/')) return null;
  for (const root of roots) {
    const { prefix, dir } = root;
    if (!path.startsWith(prefix) || !servesFile(root, path.slice(prefix.length))) continue;
    const file = fileUnder(dir, `/${path.slice(prefix.length)}`);
    if (!file) continue;
    try {
      const [real, realRoot, info] = await Promise.all([realpath(file), realpath(dir), stat(file)]);
      // With the separator: a link to a sibling named like the root ('static-old') is outside.
      if (info.isFile() && real.startsWith(realRoot + sep)) return file;
    } catch {
      // Not in this root: try the next.
    }
  }
  return null;
}

/**
 * Files up to this size are kept in the render cache like pages (validators, one compression);
 * larger ones (photos, archives) are streamed from disk with validators only.
 */
const CACHED_FILE_MAX = 1024 * 1024;

function typeOf(file: string): string {
  return (
    mime.contentType(mime.lookup(file) || 'application/octet-stream') || 'application/octet-stream'
  );
}

export function staticFiles({
  roots,
  cache,
}: {
  roots: StaticRoot[];
  cache: RenderCache;
}): Middleware {
  return async function serveStatic(ctx, next) {
    const path = ctx.state.path as string;
    const file = await findStatic(roots, path);
    if (!file) return next();
    const info = await stat(file);
    if (info.size <= CACHED_FILE_MAX) {
      // The file's mtime is the cache version: an edited file is read again.
      let page = cache.get(path, info.mtimeMs);
      if (!page) {
        const body = await readFile(file);
        page = cache.put(path, { status: 200, type: typeOf(file), body }, { stamp: info.mtimeMs });
      }
      return sendPage(ctx, path, page, cache);
    }
    ctx.status = 200; // ctx.fresh only judges a 2xx answer
    ctx.type = typeOf(file);
    ctx.length = info.size;
    ctx.lastModified = info.mtime;
    ctx.etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.body = createReadStream(file);
  };
}

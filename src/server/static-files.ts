// Static files: the theme's static/ at the site root and content/media/ at /media/.

import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { Middleware } from 'koa';
import mime from 'mime-types';
import { fileUnder } from './request-path.js';

export interface StaticRoot {
  /** URL prefix ending in '/': '/' or '/media/'. */
  prefix: string;
  dir: string;
}

/** The file a decoded path names under one of the roots, or null; symlinks may not leave a root. */
export async function findStatic(roots: StaticRoot[], path: string): Promise<string | null> {
  for (const { prefix, dir } of roots) {
    if (!path.startsWith(prefix)) continue;
    const file = fileUnder(dir, `/${path.slice(prefix.length)}`);
    if (!file) continue;
    try {
      const [real, realRoot, info] = await Promise.all([realpath(file), realpath(dir), stat(file)]);
      if (info.isFile() && real.startsWith(realRoot)) return file;
    } catch {
      // Not in this root: try the next.
    }
  }
  return null;
}

export function staticFiles({ roots }: { roots: StaticRoot[] }): Middleware {
  return async function serveStatic(ctx, next) {
    const file = await findStatic(roots, ctx.state.path as string);
    if (!file) return next();
    const info = await stat(file);
    ctx.type =
      mime.contentType(mime.lookup(file) || 'application/octet-stream') ||
      'application/octet-stream';
    ctx.length = info.size;
    ctx.lastModified = info.mtime;
    ctx.body = createReadStream(file);
  };
}

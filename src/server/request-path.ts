// Request paths: decode once, strictly, and refuse anything that could step outside a root.

import { resolve, sep } from 'node:path';
import { PugoError } from '../errors.js';

/**
 * The decoded path of a request, or a PUGO_BAD_PATH error for malformed percent-encoding,
 * NUL, backslashes, encoded slashes and dot segments: none of them names a page pugo has.
 */
export function decodeRequestPath(raw: string): string {
  // Most paths have nothing encoded: they are checked as they are, without decoding.
  const path = raw.includes('%') ? decodePercents(raw) : raw;
  if (!path.startsWith('/') || path.includes('\0') || path.includes('\\')) {
    throw badPath(raw, 'NUL or backslash');
  }
  // Every segment follows a '/': a '.' or '..' segment is '/.' or '/..' before a '/' or the end.
  if (/\/\.\.?(?:\/|$)/.test(path)) throw badPath(raw, 'dot segment');
  return path;
}

function decodePercents(raw: string): string {
  if (/%2f|%5c|%00/i.test(raw)) throw badPath(raw, 'encoded slash, backslash or NUL');
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badPath(raw, 'invalid percent-encoding');
  }
}

function badPath(raw: string, why: string): PugoError {
  return new PugoError('PUGO_BAD_PATH', `bad request path (${why}): ${raw.slice(0, 200)}`);
}

/** The file under `root` a decoded path names, or null when it would fall outside `root`. */
export function fileUnder(root: string, path: string): string | null {
  const base = resolve(root);
  const file = resolve(base, `.${path}`);
  return file.startsWith(base + sep) ? file : null;
}

// From a URL of the public site to the file in the built folder that answers it.

import { fileForPath } from './site-files.js';

/** The decoded path of `url` below the site root, or null when it is elsewhere or malformed. */
export function pathBelowBase(url: URL, base: URL): string | null {
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return null;
  try {
    return decodeURIComponent(url.pathname.slice(base.pathname.length));
  } catch {
    return null;
  }
}

/** The file for an absolute site URL, or null (not under the root, or no such file). */
export function fileForUrl(dir: string, url: URL, base: URL): string | null {
  const path = pathBelowBase(url, base);
  return path === null ? null : fileForPath(dir, path);
}

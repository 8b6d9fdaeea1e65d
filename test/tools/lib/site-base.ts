// The site's public root URL (scheme, host, base path): from meta.toml when given, else the sitemap.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import TOML from '@iarna/toml';
import { commonRoot, readLocs } from './sitemap-locs.js';

const FALLBACK = 'http://localhost/';

/** `example.com/blog` → `http://example.com/blog/`: always absolute, always ending in '/'. */
function normalise(root: string): URL {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(root) ? root : `http://${root}`;
  return new URL(absolute.endsWith('/') ? absolute : `${absolute}/`);
}

function fromContent(contentDir: string): URL {
  const config = TOML.parse(readFileSync(join(contentDir, 'meta.toml'), 'utf8'));
  const meta = (config.meta ?? {}) as { root?: unknown; domain?: unknown };
  const root = typeof meta.root === 'string' && meta.root ? meta.root : meta.domain;
  return normalise(typeof root === 'string' && root ? root : FALLBACK);
}

function fromSitemap(dir: string): URL {
  const file = join(dir, 'sitemap.xml');
  const root = existsSync(file) ? commonRoot(readLocs(readFileSync(file, 'utf8'))) : null;
  return normalise(root ?? FALLBACK);
}

/** The root every absolute link of the site starts with, e.g. http://fuxiaohei.me/. */
export function siteBase(dir: string, contentDir?: string): URL {
  return contentDir ? fromContent(contentDir) : fromSitemap(dir);
}

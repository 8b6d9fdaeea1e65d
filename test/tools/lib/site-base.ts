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

/** `root = "…"` of meta.ini's [meta] section (Pugo 0.10's older settings file). */
function iniRoot(text: string): string | undefined {
  const meta = /^\[meta\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(text)?.[1] ?? '';
  const value = /^\s*(root|domain)\s*=\s*["']?([^"'\r\n]*)/m.exec(meta);
  return value?.[2] || undefined;
}

/** The root the site's settings name: meta.toml [meta], meta.ini [meta], config.toml [site] base. */
function fromContent(contentDir: string): URL {
  const settings = (name: string) => {
    const file = join(contentDir, name);
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  };
  let root: unknown;
  const metaToml = settings('meta.toml');
  const metaIni = metaToml === null ? settings('meta.ini') : null;
  const configToml = settings('config.toml');
  if (metaToml !== null) {
    const meta = (TOML.parse(metaToml).meta ?? {}) as { root?: unknown; domain?: unknown };
    root = typeof meta.root === 'string' && meta.root ? meta.root : meta.domain;
  } else if (metaIni !== null) root = iniRoot(metaIni);
  else if (configToml !== null) root = (TOML.parse(configToml).site as { base?: unknown })?.base;
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

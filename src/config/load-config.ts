// meta.toml → a frozen, validated SiteConfig (Pugo 0.10's sections plus pugo's own).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadLang } from '../content/lang.js';
import { assertTimezone } from '../content/timezone.js';
import { readToml } from '../content/toml.js';
import { PugoError } from '../errors.js';
import { type ContentProblem, MARKDOWN_PROFILES } from '../types.js';
import { DEFAULTS } from './defaults.js';
import { type Table, TableReader } from './fields.js';
import type { AuthorConfig, NavConfig, SiteConfig } from './site-config.js';

/** A site's settings, and what was wrong in the files they came from (each a warning). */
export interface LoadedConfig {
  config: SiteConfig;
  problems: ContentProblem[];
}

/** Reads contentDir/meta.toml and contentDir/lang/*.toml. */
export async function loadConfig(contentDir: string): Promise<LoadedConfig> {
  const file = join(contentDir, 'meta.toml');
  const text = await readMeta(file);
  const root = new TableReader(parseToml(text, file), file, '');
  const { langs, problems } = await loadLang(contentDir);
  const config: SiteConfig = {
    meta: readMeta_(root.section('meta')),
    nav: root.tables('nav').map(readNav),
    authors: root.tables('author').map(readAuthor),
    comment: { disqus: root.section('comment').str('disqus') },
    analytics: readAnalytics(root.section('analytics')),
    build: readBuild(root.section('build')),
    server: readServer(root.section('server')),
    debug: readDebug(root.section('debug')),
    lang: langs,
  };
  return { config: deepFreeze(config), problems };
}

async function readMeta(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new PugoError('PUGO_CONFIG_MISSING', 'no meta.toml: is this a pugo content folder?', {
      file,
      cause,
    });
  }
}

export function parseToml(text: string, file: string): Table {
  return readToml(text, { file, code: 'PUGO_CONFIG_INVALID' });
}

function readMeta_(t: TableReader): SiteConfig['meta'] {
  const rootUrl = t.str('root', `http://${DEFAULTS.host}:${DEFAULTS.port}`).replace(/\/+$/, '');
  if (!URL.canParse(rootUrl)) t.fail('root', 'an absolute URL such as "https://example.com/blog"');
  const base = new URL(rootUrl).pathname.replace(/\/+$/, '');
  const timezone = t.str('timezone', DEFAULTS.timezone);
  try {
    assertTimezone(timezone);
  } catch {
    t.fail('timezone', 'an IANA zone name such as "Asia/Shanghai" or an offset such as "+08:00"');
  }
  return {
    title: t.str('title', 'pugo'),
    subtitle: t.str('subtitle'),
    keyword: t.str('keyword'),
    desc: t.str('desc'),
    domain: t.str('domain'),
    root: rootUrl,
    base,
    cover: t.str('cover'),
    lang: t.str('lang', DEFAULTS.lang),
    timezone,
  };
}

function readNav(t: TableReader): NavConfig {
  return {
    link: t.str('link', '/'),
    title: t.str('title'),
    i18n: t.str('i18n'),
    hover: t.str('hover'),
    blank: t.bool('blank'),
    icon: t.str('icon'),
  };
}

function readAuthor(t: TableReader): AuthorConfig {
  return {
    name: t.str('name'),
    nick: t.str('nick'),
    email: t.str('email'),
    url: t.str('url'),
    avatar: t.str('avatar'),
    bio: t.str('bio'),
    repo: t.str('repo'),
  };
}

function readAnalytics(t: TableReader): SiteConfig['analytics'] {
  return { google: t.str('google'), baidu: t.str('baidu') };
}

function readBuild(t: TableReader): SiteConfig['build'] {
  return {
    postPageSize: t.int('post_pagesize', DEFAULTS.postPageSize, 1, 1000),
    feedLimit: t.int('feed_limit', DEFAULTS.feedLimit, 1, 10000),
    markdown: t.oneOf('markdown', MARKDOWN_PROFILES, DEFAULTS.markdown),
  };
}

function readServer(t: TableReader): SiteConfig['server'] {
  return {
    host: t.str('host', DEFAULTS.host),
    port: t.int('port', DEFAULTS.port, 0, 65535),
    poolSize: t.int('pool_size', DEFAULTS.poolSize, 0, 10000),
    cacheBytes: t.int('cache_bytes', DEFAULTS.cacheBytes, 0),
    csp: t.optStr('csp'),
  };
}

/** [debug] as an empty section reads: every default (tests and benchmarks start from it). */
export function debugDefaults(): SiteConfig['debug'] {
  return readDebug(new TableReader({}, 'meta.toml', ''));
}

function readDebug(t: TableReader): SiteConfig['debug'] {
  return {
    enabled: t.bool('enabled'),
    host: t.str('host', DEFAULTS.debugHost),
    port: t.int('port', DEFAULTS.debugPort, 0, 65535),
    token: t.str('token'),
    snapshotMaxHeap: t.int('snapshot_max_heap', DEFAULTS.snapshotMaxHeap, 0),
    sampleSeconds: t.int('sample_seconds', DEFAULTS.sampleSeconds, 1, 3600),
    watchWindowSeconds: t.int('watch_window_seconds', DEFAULTS.watchWindowSeconds, 10, 7 * 86400),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

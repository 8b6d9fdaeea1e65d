// Pugo 2022's config.toml (fuxiaohei/pugo, pkg/core/configs) → the same SiteConfig as meta.toml.

import { MARKDOWN_PROFILES } from '../types.js';
import { DEFAULTS, PUGO_2022_LINKS, PUGO_2022_PAGE_SIZE } from './defaults.js';
import { type Table, TableReader } from './fields.js';
import { readLinks } from './read-links.js';
import type { LayoutPart } from './read-pugo-010.js';
import { readRoot } from './read-root.js';
import type { AuthorConfig, NavConfig } from './site-config.js';

/**
 * Pugo 2022 decoded config.toml with BurntSushi/toml, which matches keys to fields without regard
 * to case: real sites write `[[menu]] Title = "Home"`. Keys are read lower-cased here too.
 */
function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value as Table).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]),
  );
}

/** './assets/' → 'assets'; a folder outside the site (`../x`, `/x`) is refused. */
function staticDir(build: TableReader, dir: string): { prefix: string; dir: string } {
  const clean = dir
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
  if (clean === '' || clean.startsWith('/') || clean.split('/').includes('..')) {
    build.fail('static_assets_dir', 'folders inside the site folder, such as ["./assets"]');
  }
  // Pugo 2022 copied each folder to the same path under the output (output.go, copyAssets).
  return { prefix: `/${clean}/`, dir: clean };
}

function staticDirs(build: TableReader): { prefix: string; dir: string }[] {
  const dirs = build.raw('static_assets_dir') ?? ['./assets'];
  if (!Array.isArray(dirs) || dirs.some((d) => typeof d !== 'string')) {
    build.fail('static_assets_dir', 'an array of folder names');
  }
  return (dirs as string[]).map((d) => staticDir(build, d));
}

export function readPugo2022(rawRoot: Table, file: string, configFile: string): LayoutPart {
  const root = new TableReader(lowerKeys(rawRoot) as Table, file, '');
  const site = root.section('site');
  const build = root.section('build');
  const links = readLinks(build, PUGO_2022_LINKS);
  const postPageSize = build.int('post_per_page', PUGO_2022_PAGE_SIZE, 1, 1000);
  const ext = root.section('extension');
  const keywords = site.raw('keywords');
  return {
    layout: {
      name: 'pugo-2022',
      configFile,
      postDir: 'content/posts',
      pageDir: 'content/pages',
      staticDirs: staticDirs(build),
    },
    links,
    meta: {
      ...readRoot(site, 'base'),
      title: site.str('title', 'PuGo'),
      subtitle: site.str('sub_title'),
      keyword: Array.isArray(keywords) ? keywords.map(String).join(',') : site.str('keywords'),
      desc: site.str('description'),
      domain: '',
      cover: '',
      lang: site.str('lang', DEFAULTS.lang),
    },
    nav: root.tables('menu').map((t) => readMenu(t, links.archive)),
    authors: root.tables('author').map(readAuthor),
    comment: { disqus: enabled(ext.section('comments'), 'disqus', 'shortname') },
    analytics: {
      google: enabled(ext.section('analytics'), 'google_analytics', 'uid'),
      baidu: enabled(ext.section('analytics'), 'baidu', 'hash'),
    },
    build: {
      postPageSize,
      // Pugo 2022 paged tag pages as it paged the post lists (render_tags.go).
      tagPageSize: build.int('tag_pagesize', postPageSize, 0, 1000),
      feedLimit: build.int('feed_limit', DEFAULTS.feedLimit, 1, 10000),
      wordsPerMinute: build.int('words_per_minute', DEFAULTS.wordsPerMinute, 1, 10000),
      cjkPerMinute: build.int('cjk_per_minute', DEFAULTS.cjkPerMinute, 1, 10000),
      // Pugo 2022 rendered with goldmark: GFM, hard wraps, external links in a new tab
      // (pkg/ext/markdown/converter.go).
      markdown: build.oneOf('markdown', MARKDOWN_PROFILES, 'goldmark'),
    },
  };
}

/** `[extension.x.name] enabled = true, key = "…"`: the value, or '' when not enabled. */
function enabled(section: TableReader, name: string, key: string): string {
  const t = section.section(name);
  return t.bool('enabled') ? t.str(key) : '';
}

/**
 * A menu item's Slug is its href as written (Pugo 2022's theme printed it as is). Its hover name
 * is the one pugo's pages and lists mark themselves with: 'home', 'archive', or the slug's words.
 */
function readMenu(t: TableReader, archive: string): NavConfig {
  const link = t.str('slug', '/');
  const words = link.replace(/^\/+|\/+$/g, '').replace(/\.html$/, '');
  const hover = link === '/' ? 'home' : link === archive ? 'archive' : words;
  return { link, title: t.str('title'), i18n: '', hover, blank: t.bool('blank'), icon: '' };
}

function readAuthor(t: TableReader): AuthorConfig {
  const name = t.str('name');
  return {
    name,
    nick: t.str('nick', name),
    email: t.str('email'),
    url: t.str('website'),
    avatar: t.str('avatar'),
    bio: t.str('bio'),
    repo: '',
  };
}

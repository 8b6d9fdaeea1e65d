// Pugo 0.10's meta.toml (or meta.ini) sections → SiteConfig: the layout pugo was first built for.

import { MARKDOWN_PROFILES } from '../types.js';
import { DEFAULTS, PUGO_010_LINKS } from './defaults.js';
import type { TableReader } from './fields.js';
import { readLinks } from './read-links.js';
import { readRoot } from './read-root.js';
import type { AuthorConfig, NavConfig, SiteConfig } from './site-config.js';

/** Everything but the sections both layouts share ([server], [debug]) and the lang files. */
export type LayoutPart = Omit<SiteConfig, 'server' | 'debug' | 'lang'>;

export function readPugo010(root: TableReader, configFile: string): LayoutPart {
  const meta = root.section('meta');
  const build = root.section('build');
  return {
    layout: {
      name: 'pugo-0.10',
      configFile,
      postDir: 'post',
      pageDir: 'page',
      // content/.well-known/ is published where RFC 8615 wants it, at the site's root.
      staticDirs: [
        { prefix: '/media/', dir: 'media', skipMarkdown: true },
        { prefix: '/.well-known/', dir: '.well-known' },
      ],
    },
    links: readLinks(build, PUGO_010_LINKS),
    meta: {
      ...readRoot(meta, 'root'),
      title: meta.str('title', 'pugo'),
      subtitle: meta.str('subtitle'),
      keyword: meta.str('keyword'),
      desc: meta.str('desc'),
      domain: meta.str('domain'),
      cover: meta.str('cover'),
      lang: meta.str('lang', DEFAULTS.lang),
    },
    nav: root.tables('nav').map(readNav),
    authors: root.tables('author').map(readAuthor),
    comment: { disqus: root.section('comment').str('disqus') },
    analytics: {
      google: root.section('analytics').str('google'),
      baidu: root.section('analytics').str('baidu'),
    },
    build: {
      postPageSize: build.int('post_pagesize', DEFAULTS.postPageSize, 1, 1000),
      tagPageSize: build.int('tag_pagesize', DEFAULTS.tagPageSize, 0, 1000),
      feedLimit: build.int('feed_limit', DEFAULTS.feedLimit, 1, 10000),
      wordsPerMinute: build.int('words_per_minute', DEFAULTS.wordsPerMinute, 1, 10000),
      cjkPerMinute: build.int('cjk_per_minute', DEFAULTS.cjkPerMinute, 1, 10000),
      markdown: build.oneOf('markdown', MARKDOWN_PROFILES, DEFAULTS.markdown),
    },
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

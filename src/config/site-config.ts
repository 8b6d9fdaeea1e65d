// The shape of a site's configuration after its settings file is read and validated: frozen plain data.

import type { AuthorView, MarkdownProfile } from '../types.js';

/** An [[author]] of meta.toml: the same fields a template shows. */
export type AuthorConfig = AuthorView;

export interface NavConfig {
  link: string;
  title: string;
  i18n: string;
  hover: string;
  blank: boolean;
  icon: string;
}

/**
 * Link formats ("permalinks", as Hugo calls them), Go-template style as in Pugo 2022's [build]:
 * `{{.Slug}}`, `{{.Date.Year}}`, `{{.Date.Month}}`/`{{.Date.Day}}` (zero-padded), `{{.Date.M}}`/
 * `{{.Date.D}}` (not padded), `{{.Tag}}`, `{{.Page}}`. A link not ending in '.html' is a folder.
 */
export interface LinkFormats {
  post: string;
  page: string;
  tag: string;
  tagPage: string;
  postPage: string;
  archive: string;
}

/** Which Pugo's folder layout a site uses, and where that layout keeps things. */
export interface SiteLayout {
  name: 'pugo-0.10' | 'pugo-2022';
  /** The settings file, relative to the site folder: meta.toml, meta.ini or config.toml. */
  configFile: string;
  /** Folders of posts and pages, relative to the site folder ('post' or 'content/posts'). */
  postDir: string;
  pageDir: string;
  /** Folders copied as they are, relative to the site folder, each at its URL prefix. */
  staticDirs: { prefix: string; dir: string; skipMarkdown?: boolean }[];
}

export interface SiteConfig {
  layout: SiteLayout;
  links: LinkFormats;
  meta: {
    title: string;
    subtitle: string;
    keyword: string;
    desc: string;
    domain: string;
    /** Absolute URL of the site without a trailing slash. */
    root: string;
    /** Path part of root without a trailing slash: '' or '/blog'. */
    base: string;
    cover: string;
    lang: string;
    timezone: string;
  };
  nav: NavConfig[];
  authors: AuthorConfig[];
  comment: { disqus: string };
  analytics: { google: string; baidu: string };
  build: {
    postPageSize: number;
    /** Posts a tag page shows; 0 shows them all on one page, as Pugo 0.10 did. */
    tagPageSize: number;
    feedLimit: number;
    markdown: MarkdownProfile;
    /** Reading speed, for the reading time a post shows (render/reading-time.ts). */
    wordsPerMinute: number;
    cjkPerMinute: number;
  };
  server: {
    host: string;
    port: number;
    poolSize: number;
    cacheBytes: number;
    /** The Content-Security-Policy sent with pages: null derives one, '' sends none. */
    csp: string | null;
  };
  debug: {
    enabled: boolean;
    host: string;
    port: number;
    token: string;
    /** A heap snapshot is refused while the heap is larger than this (bytes). */
    snapshotMaxHeap: number;
    /** How often the leak watchdog samples memory, and over how long it looks for growth (s). */
    sampleSeconds: number;
    watchWindowSeconds: number;
    /** Where a heap profile is written when the heap nears its limit; '' = off. */
    nearLimitDir: string;
    /** Longest CPU or delta heap profile a request may ask for (s). */
    maxProfileSeconds: number;
    /** Delta heap profiles (`?seconds=N`) that may wait at once. */
    maxWaitingProfiles: number;
  };
  /** Theme strings by language code, flattened to 'section.key'. */
  lang: Record<string, Record<string, string>>;
}

// The shape of a site's configuration after meta.toml is read and validated: frozen plain data.

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

export interface SiteConfig {
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
  build: { postPageSize: number; feedLimit: number; markdown: MarkdownProfile };
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
  };
  /** Theme strings by language code, flattened to 'section.key'. */
  lang: Record<string, Record<string, string>>;
}

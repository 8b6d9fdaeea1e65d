// View models: plain data for templates, built from snapshot summaries and the site config.

import type { SiteConfig } from '../config/site-config.js';
import { formatDate } from '../content/dates.js';
import { foldTag } from '../content/tags.js';
import type { ImageCatalog } from '../images/catalog.js';
import { type ImageAttributes, imageAttributes, responsiveImages } from '../images/responsive.js';
import type {
  AuthorView,
  BaseView,
  DateView,
  NavView,
  Page,
  PageEntryView,
  Pager,
  Post,
  PostCard,
  PostSummary,
  PostView,
  SiteView,
  Snapshot,
} from '../types.js';
import { createTranslator } from './i18n.js';
import { resolveNavLink } from './nav-links.js';
import { readingOf } from './reading-time.js';
import { type SharedEntry, shareOf, textExcerpt } from './share.js';
import {
  archivePath,
  encodePath,
  FIXED_PATHS,
  indexPath,
  tagsIndexPath,
  withBase,
} from './urls.js';

/** Builds view models for one site; holds only config-derived, request-independent data. */
export class ViewFactory {
  private readonly authors: Map<string, AuthorView>;
  private readonly t: (key: string) => string;
  /**
   * Keyed by hover values, which come from meta.toml and front matter: a bounded set. Per
   * snapshot, since nav links resolve to the pages that exist (a new page may be the one named).
   */
  private readonly siteViews = new WeakMap<object, Map<string, SiteView>>();
  /** Stands for "no snapshot yet" (a 404 before the first sync): nav links as written. */
  private readonly noSnapshot = {};
  private readonly cards = new WeakMap<Snapshot, WeakMap<PostSummary, PostCard>>();

  /** `themeStrings`: what the site's lang files lack, the theme's own lang files give. */
  constructor(
    private readonly config: SiteConfig,
    themeStrings: Record<string, Record<string, string>> = {},
  ) {
    this.authors = new Map(config.authors.map((a) => [a.name, { ...a }]));
    this.t = createTranslator(config.meta.lang, config.lang, themeStrings);
  }

  /**
   * Makes a body's images responsive (images/responsive.ts), once the site has read its images;
   * until then bodies are shown as parsed.
   */
  images: ImageCatalog | null = null;

  private imageOf(src: string): ImageAttributes | null {
    const { images } = this;
    if (!images || !src) return null;
    return imageAttributes(src, this.config.meta.base, images, (path) => this.url(path));
  }

  private withImages(html: string): string {
    const { images } = this;
    if (!images) return html;
    return responsiveImages(html, this.config.meta.base, images, (path) => this.url(path));
  }

  /** The href of an internal (decoded) path. */
  url(path: string): string {
    return withBase(this.config.meta.base, encodePath(path));
  }

  absolute(path: string): string {
    const { root, base } = this.config.meta;
    return `${root}${path.startsWith(base) ? path.slice(base.length) : path}`;
  }

  /** The site part of every view, made once per nav item marked active and snapshot. */
  site(hover: string, snap?: Snapshot): SiteView {
    const key = snap ?? this.noSnapshot;
    let views = this.siteViews.get(key);
    if (!views) {
      views = new Map();
      this.siteViews.set(key, views);
    }
    let view = views.get(hover);
    if (!view) {
      view = this.makeSite(hover, snap);
      views.set(hover, view);
    }
    return view;
  }

  /** Whether `path` is a page pugo makes: a post, a page, a list, the archive. */
  private knownPath(snap: Snapshot | undefined): (path: string) => boolean {
    const { links } = this.config;
    const fixed = new Set([archivePath(links), indexPath(links, 1)]);
    return (path) => fixed.has(path) || (snap?.byPath.has(path) ?? false);
  }

  private makeSite(hover: string, snap: Snapshot | undefined): SiteView {
    const { meta, nav, comment, analytics, authors } = this.config;
    const known = this.knownPath(snap);
    const navViews: NavView[] = nav.map((n) => ({
      link: withBase(meta.base, resolveNavLink(n.link, known)),
      title:
        n.i18n && this.t(`nav.${n.i18n}`) !== `nav.${n.i18n}` ? this.t(`nav.${n.i18n}`) : n.title,
      hover: n.hover,
      blank: n.blank,
      icon: n.icon,
      active: n.hover !== '' && n.hover === hover,
    }));
    return {
      title: meta.title,
      subtitle: meta.subtitle,
      keyword: meta.keyword,
      desc: meta.desc,
      lang: meta.lang,
      root: meta.root,
      base: meta.base,
      cover: meta.cover,
      nav: navViews,
      owner: authors[0] ? { ...authors[0] } : null,
      disqus: comment.disqus,
      analytics: { ...analytics },
      archive: this.url(archivePath(this.config.links)),
      tags: this.url(tagsIndexPath(this.config.links)),
      search: this.url(FIXED_PATHS.search),
      feeds: {
        rss: this.url(FIXED_PATHS.rss),
        atom: this.url(FIXED_PATHS.atom),
        json: this.url(FIXED_PATHS.json),
      },
      year: new Date().getUTCFullYear(),
      t: this.t,
    };
  }

  /**
   * What every page's <head> and frame need; `entry` is the post or page shown, for its share
   * card and JSON-LD. A post without `desc` is described by its summary's opening text.
   */
  base(
    path: string,
    title: string,
    desc: string,
    hover: string,
    snap?: Snapshot,
    entry?: SharedEntry,
  ): BaseView {
    const url = this.url(path);
    const { meta, authors } = this.config;
    const described = desc || (entry?.kind === 'post' ? textExcerpt(entry.summaryHtml ?? '') : '');
    const description = described || meta.desc || meta.title;
    const canonical = this.absolute(url);
    const share = shareOf(
      entry,
      {
        url: canonical,
        root: meta.root,
        base: meta.base,
        siteTitle: meta.title,
        lang: meta.lang,
        owner: authors[0] ? this.author(authors[0].name) : null,
        home: url === this.url('/'),
      },
      description,
    );
    return {
      site: this.site(hover, snap),
      title: title ? `${title} - ${meta.title}` : meta.title,
      desc: description,
      url,
      canonical,
      hover,
      share,
    };
  }

  date(iso: string): DateView {
    const text = formatDate(iso, this.config.meta.timezone);
    return { iso, text, year: Number(text.slice(0, 4)) };
  }

  /** An author meta.toml does not list is shown as the name written (parsing warned of it). */
  author(name: string): AuthorView | null {
    if (name === '') return null;
    const known = this.authors.get(name);
    if (known) return known;
    return { name, nick: '', email: '', url: '', avatar: '', bio: '', repo: '' };
  }

  /**
   * A post's card appears on the home pages and on each of its tag pages: build it once per
   * snapshot (a new snapshot, after a sync or when a scheduled post comes due, starts afresh).
   */
  card(post: PostSummary, snap: Snapshot, summaryHtml: string): PostCard {
    let cards = this.cards.get(snap);
    if (!cards) {
      cards = new WeakMap();
      this.cards.set(snap, cards);
    }
    let card = cards.get(post);
    if (!card) {
      card = this.makeCard(post, snap, summaryHtml);
      cards.set(post, card);
    }
    return card;
  }

  private makeCard(post: PostSummary, snap: Snapshot, summaryHtml: string): PostCard {
    return {
      title: post.title,
      url: this.url(post.path),
      desc: post.desc,
      date: this.date(post.date),
      updated: this.date(post.updated),
      author: this.author(post.author),
      tags: post.tags.map((name) => {
        const group = snap.tags.get(foldTag(name));
        return { name, url: this.url(group?.path ?? '/'), count: group?.posts.length ?? 0 };
      }),
      thumb: post.thumb,
      thumbImage: this.imageOf(post.thumb),
      summaryHtml: this.withImages(summaryHtml),
      hasMore: post.hasMore,
      wordCount: post.wordCount,
    };
  }

  post(post: Post, snap: Snapshot): PostView {
    const reading = readingOf(post, this.config.build);
    return {
      ...this.card(post, snap, post.summaryHtml),
      html: this.withImages(post.html),
      toc: post.toc,
      reading,
    };
  }

  page(page: Page): PageEntryView {
    return {
      title: page.title,
      url: this.url(page.path),
      desc: page.desc,
      date: this.date(page.date),
      updated: this.date(page.updated),
      author: this.author(page.author),
      thumb: page.thumb,
      thumbImage: this.imageOf(page.thumb),
      html: this.withImages(page.html),
      toc: page.toc,
      meta: page.meta,
    };
  }

  pager(current: number, total: number, pathOf: (n: number) => string): Pager {
    return {
      current,
      total,
      prev: current > 1 ? this.url(pathOf(current - 1)) : null,
      next: current < total ? this.url(pathOf(current + 1)) : null,
    };
  }
}

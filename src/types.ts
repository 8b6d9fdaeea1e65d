// Stage contracts, as plain data: SourceFile → Entry (Post | Page) → snapshot → view model → RenderedPage.

import type { ImageAttributes } from './images/responsive.js';
import type { SearchTerms } from './search/search-record.js';

/** A content file found by the scan; `id` is its path under the content folder, posix-style. */
export interface SourceFile {
  id: string;
  kind: 'post' | 'page';
  abs: string;
  mtimeMs: number;
  size: number;
}

/**
 * How markdown is read ([build] markdown): "pugo" renders what Pugo 0.10's blackfriday rendered,
 * "commonmark" follows the spec. The rules of each are in content/markdown/profiles.ts.
 */
export const MARKDOWN_PROFILES = ['pugo', 'goldmark', 'commonmark'] as const;
export type MarkdownProfile = (typeof MARKDOWN_PROFILES)[number];

/** A heading of a post or page, for its table of contents. */
export interface Heading {
  level: number;
  id: string;
  text: string;
}

/** Fields shared by posts and pages, as parsed from one file. Dates are ISO 8601 in UTC. */
interface EntryBase {
  id: string;
  /** The URL path without the site's base path: '/2015/10/14/a.html', '/about-me.html'. */
  path: string;
  slug: string;
  title: string;
  desc: string;
  date: string;
  updated: string;
  author: string;
  thumb: string;
  draft: boolean;
  html: string;
  toc: Heading[];
  /** Words of the prose, each CJK character one (word-count.ts). */
  wordCount: number;
  /** The CJK characters among them, read at their own rate (reading-time.ts). */
  cjkCount: number;
  /** The site's own PNG and JPEG images its body shows (images/responsive.ts), for variants. */
  images: string[];
  /** sha1 of the file's bytes: what the entry's own page was made from. */
  sourceHash: string;
  /**
   * sha1 of the summary (every field but the bodies, the word counts and these two hashes): what
   * lists show of it. A change is then seen by comparing hashes, without reading or serialising
   * any entry. The word count, which changes with nearly every edit of a body and which few
   * themes show, is left out: changes.ts adds it for a theme that names it.
   */
  summaryHash: string;
  /**
   * What search keeps of it, as parsed: the store keeps it in its own keyspace, not with the
   * entry, so an entry read back has none. A node page, which has no URL, has none either.
   */
  search?: SearchTerms;
}

export interface Post extends EntryBase {
  kind: 'post';
  tags: string[];
  /**
   * The words its title and prose use most (keywords.ts), for related posts; like the word
   * counts, left out of the summary hash (no list shows them).
   */
  keywords: string[];
  summaryHtml: string;
  /** True when the post has a <!--more--> break, so lists show a "read more" link. */
  hasMore: boolean;
}

export interface Page extends EntryBase {
  kind: 'page';
  hover: string;
  template: string;
  lang: string;
  sort: number;
  meta: Record<string, unknown>;
  /** Pugo 0.10's `node = true`: a page that has no file and no URL of its own. */
  node: boolean;
}

export type Entry = Post | Page;

/**
 * What lists, tags, archive and feeds need of a post: everything but the body and the summary's
 * HTML, which the store keeps apart (Store.summaryHtml) and a list reads for the posts it shows.
 * Every summary is read for each build and after each sync; with their HTML (the whole body for
 * a post without a <!--more-->) a one-post build at 4,000 posts read 5 MB of them, without 3 MB.
 */
export type PostSummary = Omit<Post, 'html' | 'toc' | 'search' | 'summaryHtml'>;

/** What lists need of a page (nav, sitemap). */
export type PageSummary = Omit<Page, 'html' | 'toc' | 'search'>;

/**
 * An entry as JSON and, for a post, its PostSummary as JSON: what the store keeps. A parse
 * worker makes these, so the main thread copies text instead of serialising every post.
 */
export interface EncodedEntry {
  entry: string;
  summary: string | null;
  /** A post's summaryHtml as JSON (the store's `summaries` keyspace). */
  summaryHtml: string | null;
  /** Its search terms as JSON (the store's `search` keyspace), if it has any. */
  search: string | null;
}

/**
 * A problem found in one content or config file. A warning is a bad or unknown field value: the
 * file is still built, with that field's documented fallback. An error is a file that cannot be
 * read as a post at all (no front matter, front matter that does not parse, no title, …): it is
 * left out, or its last good version stays served when the store has one (`kept`).
 */
export interface ContentProblem {
  severity: 'warning' | 'error';
  code: string;
  /** The file's path under the content folder ('post/a.md', 'meta.toml', 'lang/zh.toml'). */
  file: string;
  line?: number;
  message: string;
  /** For an error: whether the store still holds and serves the file's last good version. */
  kept?: boolean;
}

/** One rendered URL: the same bytes whether served or written by the build. */
export interface RenderedPage {
  status: 200 | 404;
  type: string;
  body: Buffer;
  /** What the page shows (src/site/changes.ts), so the server drops it when that changes. */
  deps?: readonly string[];
}

// ---- the site at one moment: what the renderers read ----

export interface TagGroup {
  key: string;
  /** The spelling most posts use; the others are aliases that answer the same page. */
  name: string;
  aliases: string[];
  path: string;
  posts: PostSummary[];
}

export interface Snapshot {
  /** Visible posts, newest first. */
  posts: PostSummary[];
  pages: PageSummary[];
  /** Tags by case-folded name, most used first. */
  tags: Map<string, TagGroup>;
  /** Every visible post and page by URL path. */
  byPath: Map<string, PostSummary | PageSummary>;
  /** A visible post's place in `posts`, for its newer and older neighbours. */
  postIndex: Map<string, number>;
  /** When the next scheduled post comes due (ms), if any. */
  nextChangeAt: number | null;
  /** Each shown post's related posts, by id (site/related.ts); none for a post with none. */
  related: Map<string, PostSummary[]>;
  /** The digest of the features `related` was ranked from (featureDigest). */
  relatedDigest: string;
}

// ---- view models: what templates get (plain data, no store handles) ----

export interface AuthorView {
  name: string;
  nick: string;
  email: string;
  url: string;
  avatar: string;
  bio: string;
  repo: string;
}

export interface NavView {
  link: string;
  title: string;
  hover: string;
  blank: boolean;
  icon: string;
  active: boolean;
}

export interface SiteView {
  title: string;
  subtitle: string;
  keyword: string;
  desc: string;
  /** BCP 47 language of the site, for <html lang>. */
  lang: string;
  /** Absolute site URL without a trailing slash: 'http://fuxiaohei.me'. */
  root: string;
  /** Path prefix of every link, '' or '/blog'. */
  base: string;
  cover: string;
  nav: NavView[];
  owner: AuthorView | null;
  disqus: string;
  analytics: { google: string; baidu: string };
  feeds: { rss: string; atom: string; json: string };
  /** The archive page's href (its URL follows [build] archive_link). */
  archive: string;
  /** The href of the page listing every tag (tagsIndexPath). */
  tags: string;
  /** The search page's href, which the header's form sends its query to. */
  search: string;
  /** The current year, for the footer. */
  year: number;
  /** Theme string 'section.key' in the site's language; an unknown key returns itself. */
  t: (key: string) => string;
}

export interface DateView {
  iso: string;
  /** '2015-10-14' in the site's timezone. */
  text: string;
  year: number;
}

export interface TagLink {
  name: string;
  url: string;
  count: number;
}

/** What a post and a page show alike: title, link, dates, author, picture. */
export interface EntryHeader {
  title: string;
  url: string;
  desc: string;
  date: DateView;
  updated: DateView;
  author: AuthorView | null;
  thumb: string;
  /** The thumb's size and WebP variants, when it is an image of the site's media. */
  thumbImage: ImageAttributes | null;
}

export interface PostCard extends EntryHeader {
  tags: TagLink[];
  summaryHtml: string;
  hasMore: boolean;
  wordCount: number;
}

export interface PostView extends PostCard {
  html: string;
  toc: Heading[];
  /** Words and minutes to read (render/reading-time.ts). */
  reading: Reading;
}

export interface PageEntryView extends EntryHeader {
  html: string;
  toc: Heading[];
  meta: Record<string, unknown>;
}

export interface Pager {
  current: number;
  total: number;
  prev: string | null;
  next: string | null;
}

/** Fields every template gets as `it`. */
export interface BaseView {
  site: SiteView;
  /** The <title> of the document. */
  title: string;
  desc: string;
  /** Path of this page including the base: '/blog/2015/10/14/a.html'. */
  url: string;
  canonical: string;
  /** The nav item to mark active. */
  hover: string;
  /** Open Graph, Twitter/X card and JSON-LD fields (render/share.ts). */
  share: ShareView;
}

/** What a post page shows of its length (render/reading-time.ts). */
export interface Reading {
  /** Words, each CJK character one (as Chinese word counters count). */
  words: number;
  /** Minutes, rounded up: 0 only for a post with no prose. */
  minutes: number;
}

/** What share cards and search engines read of a page, for the layout's <head>. */
export interface ShareView {
  /** og:type. */
  type: 'article' | 'website';
  /** The entry's own title (og:title), without the site's. */
  title: string;
  siteName: string;
  /** Absolute URL of the thumb or the body's first image; '' for none. */
  image: string;
  /** A post's dates (article:published_time, article:modified_time), ISO 8601; else ''. */
  published: string;
  modified: string;
  /** A post's tags (article:tag). */
  tags: string[];
  /** The JSON-LD object as script text ('' for a page without one: lists, the archive). */
  jsonLd: string;
}

export interface ListView extends BaseView {
  posts: PostCard[];
  pager: Pager;
  /** Set on tag pages. */
  tag: TagLink | null;
  /**
   * Set on a tag page that shows every post with the tag (`[build] tag_pagesize = 0`, as Pugo
   * 0.10), by year as on the archive: the default theme lists those by date and title, since a
   * card each would make a page of megabytes (12.7 MB for a tag on 3,606 of 10,000 posts).
   */
  years: YearGroup[] | null;
}

/** Posts of one year, newest first: the archive's sections. */
export interface YearGroup {
  year: number;
  posts: PostCard[];
}

export interface PostPageView extends BaseView {
  post: PostView;
  newer: { title: string; url: string } | null;
  older: { title: string; url: string } | null;
}

export interface PagePageView extends BaseView {
  page: PageEntryView;
}

export interface ArchiveView extends BaseView {
  years: YearGroup[];
  tags: TagLink[];
}

export type NotFoundView = BaseView;

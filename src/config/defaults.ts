// Every default pugo applies, in one place, each with the reason for its value.

export const DEFAULTS = {
  /** Pugo's own page size; a site sets [build] post_pagesize to change it. */
  postPageSize: 4,
  /** Pugo 0.10 put every post of a tag on its one tag page; [build] tag_pagesize pages them. */
  tagPageSize: 0,
  /**
   * Markdown as Pugo 0.10's blackfriday rendered it: an existing Pugo site looks as it did, and
   * `[build] markdown = "commonmark"` is there for a site that wants the spec.
   */
  markdown: 'pugo',
  /** How many posts the RSS, Atom and JSON feeds carry. */
  feedLimit: 20,
  /**
   * Reading speed for a post's reading time: Hugo's rates (its ReadingTime), 212 words a minute
   * and 500 CJK characters a minute; [build] words_per_minute and cjk_per_minute change them.
   */
  wordsPerMinute: 212,
  cjkPerMinute: 500,
  /** Pugo read dates in UTC unless [meta] timezone says otherwise. */
  timezone: 'UTC',
  lang: 'en',
  host: '127.0.0.1',
  port: 8080,
  /**
   * Idle handlers kept per route. 10 is the value tango settled on in 2015 after its router kept
   * 800 pre-allocated handlers per route and Pugo's server grew from 14 MB to 228 MB in a day.
   */
  poolSize: 10,
  /** Render cache bound, in bytes of page bodies held. */
  cacheBytes: 64 * 1024 * 1024,
  debugHost: '127.0.0.1',
  debugPort: 6060,
  /**
   * A snapshot of a 220 MB heap of small objects blocked the loop 28 s and peaked at 2.2 GB RSS
   * here (DESIGN section 6): above 512 MiB of heap, ask for a heap profile instead.
   */
  snapshotMaxHeap: 512 * 1024 * 1024,
  /** Memory samples for the dashboard and the watchdog: every 10 s, growth judged over 10 min. */
  sampleSeconds: 10,
  watchWindowSeconds: 600,
  /** Longest CPU or delta heap profile a request may ask for, in seconds. */
  maxProfileSeconds: 300,
  maxWaitingProfiles: 8,
  /** A content file larger than this is refused: no one writes a 10 MB post by hand. */
  maxFileBytes: 8 * 1024 * 1024,
  /**
   * Longest one file may take to parse and render before its worker is stopped and the file
   * reported: real posts take milliseconds, while 8 MB of markdown built to be slow (a huge
   * table, 100,000 nested brackets) took 20 to 50 s here and would stall a build or a save.
   */
  parseTimeLimitMs: 10_000,
  contentDir: 'content',
  themeDir: 'themes/default',
  destDir: 'dest',
  storeDir: '.pugo/store',
} as const;

/** Pugo 0.10's URLs, which it did not let a site change: the defaults of meta.toml sites. */
export const PUGO_010_LINKS = {
  post: '/{{.Date.Year}}/{{.Date.M}}/{{.Date.D}}/{{.Slug}}.html',
  page: '/{{.Slug}}.html',
  tag: '/tags/{{.Tag}}.html',
  tagPage: '/tags/{{.Tag}}/{{.Page}}.html',
  postPage: '/posts/{{.Page}}.html',
  archive: '/archive.html',
} as const;

/**
 * Pugo 2022's DefaultBuild() (pkg/core/configs/build.go); a page is '/' + its slug there, not
 * configurable (render_pages.go), and 5 posts a list page.
 */
export const PUGO_2022_LINKS = {
  post: '/{{.Date.Year}}/{{.Date.Month}}/{{.Slug}}/',
  page: '/{{.Slug}}',
  tag: '/tag/{{.Tag}}/',
  tagPage: '/tag/{{.Tag}}/{{.Page}}/',
  postPage: '/page/{{.Page}}/',
  archive: '/archives/',
} as const;
export const PUGO_2022_PAGE_SIZE = 5;

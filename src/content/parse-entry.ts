// One content file → one Entry (Post or Page): decode, split front matter, check fields, render.
import type MarkdownIt from 'markdown-it';
import { PugoError } from '../errors.js';
import { hashBytes, hashOf } from '../hash.js';
import { imagesOf } from '../images/responsive.js';
import type { ContentProblem, Entry, Page, Post, SourceFile } from '../types.js';
import { localParts, parseDate } from './dates.js';
import { decodeSource } from './decode.js';
import { FrontMatterFields } from './fields.js';
import { splitFrontMatter } from './front-matter.js';
import { fillLink } from './link-formats.js';
import { type RenderedMarkdown, renderMarkdown } from './markdown/render.js';
import { rewriteMediaUrl } from './media-links.js';
import { slugText } from './slug.js';

export interface ParseContext {
  /** [meta] timezone: dates without an offset are read in it, and post URLs use its calendar. */
  timezone: string;
  /**
   * Names from [[author]], by their lower case; null keeps any name without a word (Pugo 2022
   * looked the name up and showed nothing when absent).
   */
  authors: ReadonlyMap<string, string> | null;
  /** The site's link formats for posts and pages ([build] post_link_format, page_link_format). */
  links: { post: string; page: string };
  /** The folder pages are in ('page', 'content/pages'): a page's default slug is its path there. */
  pageDir: string;
  /**
   * Pugo 2022's defaults: a post's slug is its title, a page's its file path with '.md', and
   * slashes around a slug are dropped; else Pugo 0.10's: file names without '.md'.
   */
  pugo2022: boolean;
  /** The site's path prefix, '' or '/blog'. */
  base: string;
  md: MarkdownIt;
  maxFileBytes: number;
}

/** The fields posts and pages share, before rendering. */
type CommonFields = Omit<
  Post,
  | 'kind'
  | 'tags'
  | 'summaryHtml'
  | 'hasMore'
  | 'sourceHash'
  | 'summaryHash'
  | 'images'
  | keyof RenderedMarkdown
>;

/** Characters that would end or escape the URL path a slug becomes. */
const SLUG_FORBIDDEN = /[\\?#\p{Cc}]/u;

/** What a title may not bring into a URL path: a separator, a query, a fragment, a control. */
const TITLE_UNSAFE = /[/\\?#\p{Cc}]/gu;

/**
 * Pugo 0.10: 'post/2015/a.md' → 'a', 'page/docs/intro.md' → 'docs/intro' (a page keeps its
 * folders). Pugo 2022: a post's slug is url.PathEscape(title), which pugo keeps decoded (links
 * encode it again), with what would split or cut the path made '-'; a page's is its path under
 * content/pages, '.md' and all (models/page.go), so 'about.md' is at '/about.md/'.
 */
function defaultSlug(file: SourceFile, title: string, ctx: ParseContext): string {
  const inPages = file.id.slice(ctx.pageDir.length + 1);
  if (ctx.pugo2022) return file.kind === 'page' ? inPages : title.replace(TITLE_UNSAFE, '-');
  const withoutExt = file.id.replace(/\.md$/i, '');
  if (file.kind === 'page') return inPages.replace(/\.md$/i, '');
  return withoutExt.slice(withoutExt.lastIndexOf('/') + 1);
}

/** Why a slug is refused, or null when it can be a URL path. */
function slugFault(slug: string): string | null {
  const segments = slug.split('/');
  // Segments, not text: a title's "Wait... what" is a fine Pugo 2022 slug.
  if (segments.some((seg) => seg === '' || seg === '.' || seg === '..')) {
    return "must not contain '..', '.' or empty segments, or start or end with '/'";
  }
  if (SLUG_FORBIDDEN.test(slug)) return "must not contain '\\', '?', '#' or control characters";
  return null;
}

/**
 * A slug becomes a URL path and a file under dest/: '.' and empty segments are refused too, as the
 * server refuses '/./' in a request (the page could never be served) and the build would write
 * 'a//b' and 'a/b' to the same file. A refused slug falls back to the file's name, and that, if
 * it cannot be a path either, to the slug of the title.
 */
function readSlug(
  file: SourceFile,
  fields: FrontMatterFields,
  title: string,
  ctx: ParseContext,
): string {
  // Pugo 2022 wrote '/' + TrimPrefix(slug, "/") (render_pages.go): '/about' is 'about'.
  const trim = (slug: string) => (ctx.pugo2022 ? slug.replace(/^\/+|\/+$/g, '') : slug);
  const given = trim(fields.string('slug'));
  const natural = trim(defaultSlug(file, title, ctx));
  const fallback = slugFault(natural) ? slugText(title) || 'untitled' : natural;
  if (given === '') return fallback;
  const fault = slugFault(given);
  if (fault === null) return given;
  fields.warn('slug', `slug ${JSON.stringify(given)} ${fault}; ${JSON.stringify(fallback)} used`);
  return fallback;
}

/**
 * A missing (or empty) date is the file's mtime, as in Pugo; update_date defaults to date. A date
 * pugo cannot read falls back the same way, with a warning.
 */
function readDate(
  fields: FrontMatterFields,
  key: string,
  fallback: { iso: string; what: string },
  ctx: ParseContext,
  id: string,
) {
  const value = fields.raw(key);
  if (value === undefined || value === '') return fallback.iso;
  try {
    return parseDate(value, ctx.timezone, id, key, fields.lineOf(key));
  } catch (err) {
    if (!(err instanceof PugoError)) throw err;
    fields.warn(key, `${err.message}; ${fallback.what} used`, err.code);
    return fallback.iso;
  }
}

/**
 * An author is matched to an [[author]] of meta.toml case-insensitively, and written as there.
 * One meta.toml does not list is kept as written, with a warning: Pugo built such posts.
 */
function readAuthor(fields: FrontMatterFields, ctx: ParseContext): string {
  const author = fields.string('author');
  if (author === '' || ctx.authors === null) return author;
  const known = ctx.authors.get(author.toLowerCase());
  if (known !== undefined) return known;
  const message = `author ${JSON.stringify(author)} is not an [[author]] of meta.toml; shown as written`;
  fields.warn('author', message, 'PUGO_UNKNOWN_AUTHOR');
  return author;
}

/**
 * A tag is a URL path segment and a file name under dest/tags/: a control character in one (a
 * TOML escape such as "\u0000") makes a page the server refuses to serve or the build to write,
 * so such a tag is left out.
 */
function readTags(fields: FrontMatterFields): string[] {
  const tags = fields.stringList('tags');
  const bad = tags.filter((tag) => /\p{Cc}/u.test(tag));
  for (const tag of bad) {
    fields.warn('tags', `tag ${JSON.stringify(tag)} must not contain control characters; left out`);
  }
  return bad.length ? tags.filter((tag) => !bad.includes(tag)) : tags;
}

/** The one field a post cannot do without: a file without a title is left out of the site. */
function readTitle(fields: FrontMatterFields): string {
  const title = fields.string('title');
  if (title === '') fields.fail('title', 'is required');
  return title;
}

/** The URL path from the site's link format: the post's date in the site's timezone. */
function entryPath(file: SourceFile, slug: string, date: string, ctx: ParseContext): string {
  if (file.kind === 'page') return fillLink(ctx.links.page, { Slug: slug });
  const { year, month, day } = localParts(date, ctx.timezone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return fillLink(ctx.links.post, {
    Slug: slug,
    'Date.Year': String(year),
    'Date.Month': pad(month),
    'Date.Day': pad(day),
    'Date.M': String(month),
    'Date.D': String(day),
  });
}

function readCommon(file: SourceFile, fields: FrontMatterFields, ctx: ParseContext): CommonFields {
  const title = readTitle(fields);
  const slug = readSlug(file, fields, title, ctx);
  const mtime = { iso: new Date(file.mtimeMs).toISOString(), what: "the file's modification time" };
  const date = readDate(fields, 'date', mtime, ctx, file.id);
  return {
    id: file.id,
    path: entryPath(file, slug, date, ctx),
    slug,
    title,
    // Pugo 2022 named it description.
    desc: fields.string('desc') || fields.string('description'),
    date,
    updated: readDate(fields, 'update_date', { iso: date, what: 'date' }, ctx, file.id),
    author: readAuthor(fields, ctx),
    thumb: rewriteMediaUrl(fields.string('thumb'), ctx.base),
    draft: fields.boolean('draft', false, true, 'kept hidden, as a draft'),
  };
}

type PageFields = Pick<Page, 'hover' | 'template' | 'lang' | 'sort' | 'meta' | 'node'>;

function readPageFields(fields: FrontMatterFields): PageFields {
  return {
    node: fields.boolean('node', false),
    hover: fields.string('hover'),
    template: fields.string('template'),
    lang: fields.string('lang'),
    sort: fields.number('sort', 0),
    meta: fields.table('meta'),
  };
}

/**
 * Parses one post or page; bad field values are pushed onto `warnings` with the fallback used.
 * Throws a PugoError, whose `file` is the file's id and whose `line` points at the problem, only
 * when the file cannot be read as a post at all. Every field is read before the markdown is
 * rendered, so such a file costs no rendering.
 */
export function parseEntry(
  file: SourceFile,
  bytes: Buffer,
  ctx: ParseContext,
  warnings: ContentProblem[],
): Entry {
  const text = decodeSource(bytes, file.id, ctx.maxFileBytes);
  const fm = splitFrontMatter(text, file.id);
  const fields = new FrontMatterFields(fm, file.id, warnings);
  const common = readCommon(file, fields, ctx);
  const sourceHash = hashBytes(bytes);
  if (file.kind === 'post') {
    const tags = readTags(fields);
    const { html, summaryHtml, hasMore, toc, wordCount, cjkCount, keywords, search } =
      renderMarkdown(ctx.md, fm.body, ctx.base, common.title, tags);
    const summary = { ...common, kind: 'post' as const, tags, summaryHtml, hasMore };
    const counts = {
      wordCount,
      cjkCount,
      keywords,
      images: imagesOf(html, ctx.base, common.thumb),
    };
    const hashes = { sourceHash, summaryHash: hashOf(summary) };
    return { ...summary, ...counts, html, toc, ...hashes, search };
  }
  const page = readPageFields(fields);
  // Pugo 0.10 neither read nor wrote a node page's body (model/page.go): it is only a place in
  // the page tree, with no file of its own.
  // (Having no URL, it is not searched either.)
  const { html, toc, wordCount, cjkCount, search } = page.node
    ? { html: '', toc: [], wordCount: 0, cjkCount: 0, search: undefined }
    : renderMarkdown(ctx.md, fm.body, ctx.base, common.title);
  const summary = { ...common, ...page, kind: 'page' as const };
  const counts = { wordCount, cjkCount, images: imagesOf(html, ctx.base, common.thumb) };
  return { ...summary, ...counts, html, toc, sourceHash, summaryHash: hashOf(summary), search };
}

// One content file → one Entry (Post or Page): decode, split front matter, check fields, render.
import type MarkdownIt from 'markdown-it';
import { PugoError } from '../errors.js';
import type { ContentProblem, Entry, Page, Post, SourceFile } from '../types.js';
import { localParts, parseDate } from './dates.js';
import { decodeSource } from './decode.js';
import { FrontMatterFields } from './fields.js';
import { splitFrontMatter } from './front-matter.js';
import { type RenderedMarkdown, renderMarkdown } from './markdown/render.js';
import { rewriteMediaUrl } from './media-links.js';
import { slugText } from './slug.js';

export interface ParseContext {
  /** [meta] timezone: dates without an offset are read in it, and post URLs use its calendar. */
  timezone: string;
  /** Names from [[author]], by their lower case. */
  authors: ReadonlyMap<string, string>;
  /** The site's path prefix, '' or '/blog'. */
  base: string;
  md: MarkdownIt;
  maxFileBytes: number;
}

/** The fields posts and pages share, before rendering. */
type CommonFields = Omit<
  Post,
  'kind' | 'tags' | 'summaryHtml' | 'hasMore' | keyof RenderedMarkdown
>;

/** Characters that would end or escape the URL path a slug becomes. */
const SLUG_FORBIDDEN = /[\\?#\p{Cc}]/u;

/** 'post/2015/a.md' → 'a'; 'page/docs/intro.md' → 'docs/intro' (a page keeps its folders). */
function defaultSlug(file: SourceFile): string {
  const withoutExt = file.id.replace(/\.md$/i, '');
  if (file.kind === 'page') return withoutExt.replace(/^page\//, '');
  return withoutExt.slice(withoutExt.lastIndexOf('/') + 1);
}

/** Why a slug is refused, or null when it can be a URL path. */
function slugFault(slug: string): string | null {
  const segments = slug.split('/');
  if (slug.includes('..') || segments.some((seg) => seg === '' || seg === '.')) {
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
function readSlug(file: SourceFile, fields: FrontMatterFields, title: string): string {
  const given = fields.string('slug');
  const fallback = slugFault(defaultSlug(file)) ? slugText(title) || 'untitled' : defaultSlug(file);
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
  if (author === '') return author;
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

function entryPath(file: SourceFile, slug: string, date: string, timezone: string): string {
  if (file.kind === 'page') return `/${slug}.html`;
  const { year, month, day } = localParts(date, timezone);
  return `/${year}/${month}/${day}/${slug}.html`;
}

function readCommon(file: SourceFile, fields: FrontMatterFields, ctx: ParseContext): CommonFields {
  const title = readTitle(fields);
  const slug = readSlug(file, fields, title);
  const mtime = { iso: new Date(file.mtimeMs).toISOString(), what: "the file's modification time" };
  const date = readDate(fields, 'date', mtime, ctx, file.id);
  return {
    id: file.id,
    path: entryPath(file, slug, date, ctx.timezone),
    slug,
    title,
    desc: fields.string('desc'),
    date,
    updated: readDate(fields, 'update_date', { iso: date, what: 'date' }, ctx, file.id),
    author: readAuthor(fields, ctx),
    thumb: rewriteMediaUrl(fields.string('thumb'), ctx.base),
    draft: fields.boolean('draft', false, true, 'kept hidden, as a draft'),
  };
}

type PageFields = Pick<Page, 'hover' | 'template' | 'lang' | 'sort' | 'meta'>;

function readPageFields(fields: FrontMatterFields): PageFields {
  return {
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
  if (file.kind === 'post') {
    const tags = readTags(fields);
    const { html, summaryHtml, hasMore, toc, wordCount } = renderMarkdown(
      ctx.md,
      fm.body,
      ctx.base,
    );
    return { ...common, kind: 'post', tags, html, summaryHtml, hasMore, toc, wordCount };
  }
  const page = readPageFields(fields);
  const { html, toc, wordCount } = renderMarkdown(ctx.md, fm.body, ctx.base);
  return { ...common, ...page, kind: 'page', html, toc, wordCount };
}

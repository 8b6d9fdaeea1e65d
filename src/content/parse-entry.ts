// One content file → one Entry (Post or Page): decode, split front matter, check fields, render.
import type MarkdownIt from 'markdown-it';
import { PugoError } from '../errors.js';
import type { Entry, Page, Post, SourceFile } from '../types.js';
import { localParts, parseDate } from './dates.js';
import { decodeSource } from './decode.js';
import { FrontMatterFields } from './fields.js';
import { splitFrontMatter } from './front-matter.js';
import { type RenderedMarkdown, renderMarkdown } from './markdown/render.js';
import { rewriteMediaUrl } from './media-links.js';

export interface ParseContext {
  /** [meta] timezone: dates without an offset are read in it, and post URLs use its calendar. */
  timezone: string;
  /** Names from [[author]]. */
  authors: ReadonlySet<string>;
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

/**
 * A slug becomes a URL path and a file under dest/: '.' and empty segments are refused too, as the
 * server refuses '/./' in a request (the page could never be served) and the build would write
 * 'a//b' and 'a/b' to the same file.
 */
function readSlug(file: SourceFile, fields: FrontMatterFields): string {
  const slug = fields.string('slug') || defaultSlug(file);
  const segments = slug.split('/');
  if (slug.includes('..') || segments.some((seg) => seg === '' || seg === '.')) {
    const message = "must not contain '..', '.' or empty segments, or start or end with '/'";
    fields.fail('slug', `${JSON.stringify(slug)} ${message}`);
  }
  if (SLUG_FORBIDDEN.test(slug)) {
    fields.fail(
      'slug',
      `${JSON.stringify(slug)} must not contain '\\', '?', '#' or control characters`,
    );
  }
  return slug;
}

/** A missing (or empty) date is the file's mtime, as in Pugo; update_date defaults to date. */
function readDate(
  fields: FrontMatterFields,
  key: string,
  fallback: string,
  ctx: ParseContext,
  id: string,
) {
  const value = fields.raw(key);
  if (value === undefined || value === '') return fallback;
  return parseDate(value, ctx.timezone, id, key, fields.lineOf(key));
}

function readAuthor(fields: FrontMatterFields, ctx: ParseContext, id: string): string {
  const author = fields.string('author');
  if (author !== '' && !ctx.authors.has(author)) {
    const message = `author ${JSON.stringify(author)} is not an [[author]] of meta.toml`;
    throw new PugoError('PUGO_UNKNOWN_AUTHOR', message, {
      file: id,
      line: fields.lineOf('author'),
    });
  }
  return author;
}

/**
 * A tag is a URL path segment and a file name under dest/tags/: a control character in one (a
 * TOML escape such as "\u0000") makes a page the server refuses to serve or the build to write.
 */
function readTags(fields: FrontMatterFields): string[] {
  const tags = fields.stringList('tags');
  const bad = tags.find((tag) => /\p{Cc}/u.test(tag));
  if (bad !== undefined) {
    fields.fail('tags', `${JSON.stringify(bad)} must not contain control characters`);
  }
  return tags;
}

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
  const slug = readSlug(file, fields);
  const date = readDate(fields, 'date', new Date(file.mtimeMs).toISOString(), ctx, file.id);
  return {
    id: file.id,
    path: entryPath(file, slug, date, ctx.timezone),
    slug,
    title,
    desc: fields.string('desc'),
    date,
    updated: readDate(fields, 'update_date', date, ctx, file.id),
    author: readAuthor(fields, ctx, file.id),
    thumb: rewriteMediaUrl(fields.string('thumb'), ctx.base),
    draft: fields.boolean('draft', false),
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
 * Parses one post or page. Throws a PugoError whose `file` is the file's id and whose `line`
 * points at the problem. Every field is checked before the markdown is rendered, so a bad file
 * costs no rendering.
 */
export function parseEntry(file: SourceFile, bytes: Buffer, ctx: ParseContext): Entry {
  const text = decodeSource(bytes, file.id, ctx.maxFileBytes);
  const fm = splitFrontMatter(text, file.id);
  const fields = new FrontMatterFields(fm, file.id);
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

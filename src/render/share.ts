// What share cards and search engines read of a page: Open Graph, the Twitter/X card and
// schema.org JSON-LD, made from the entry the page shows (render/: pure, no I/O).

import type { AuthorView, ShareView } from '../types.js';
import { decodeEntities } from './html-entities.js';

/** The entry a page shows, as share.ts needs it; absent for lists and the archive. */
export interface SharedEntry {
  kind: 'post' | 'page';
  title: string;
  desc: string;
  /** ISO 8601. */
  date: string;
  updated: string;
  author: AuthorView | null;
  tags: readonly string[];
  /** The front matter's thumb, as written ('' for none). */
  thumb: string;
  /** The body, for its first image when there is no thumb. */
  html: string;
  /** A post's summary, its description when it has no `desc`. */
  summaryHtml?: string;
  wordCount: number;
}

export interface ShareContext {
  /** The page's absolute URL. */
  url: string;
  /** The site's origin and base, for making image paths absolute: 'http://a.b/blog'. */
  root: string;
  base: string;
  siteTitle: string;
  lang: string;
  /** The site's owner (the first author), the publisher of a post. */
  owner: AuthorView | null;
  home: boolean;
}

/** Longest description a share card or search result shows whole. */
const DESCRIPTION_CHARS = 160;

/**
 * A description from HTML: its text, cut at a word before 160 characters (CJK text, which has
 * no spaces, at a character). For a post without `desc`, from its summary.
 */
export function textExcerpt(html: string, max = DESCRIPTION_CHARS): string {
  const text = decodeEntities(
    html
      .slice(0, max * 20)
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]*(>|$)/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** The image a card shows: the thumb, else the body's first image, as an absolute URL. */
function imageOf(entry: SharedEntry | undefined, ctx: ShareContext): string {
  const src = entry?.thumb || /<img\b[^>]*?\ssrc="([^"]+)"/i.exec(entry?.html ?? '')?.[1] || '';
  if (!src || /^(data|javascript):/i.test(src)) return '';
  if (/^https?:\/\//i.test(src) || src.startsWith('//')) return src;
  const path = src.startsWith('/') ? src : `/${src}`;
  // Body links carry the base already (rewriteMediaLinks); a thumb is written without it.
  const within = ctx.base && path.startsWith(`${ctx.base}/`) ? path.slice(ctx.base.length) : path;
  return `${ctx.root}${within}`;
}

function person(author: AuthorView) {
  const name = author.nick || author.name;
  return { '@type': 'Person', name, ...(author.url ? { url: author.url } : {}) };
}

/** schema.org for the page: a BlogPosting for a post, WebPage for a page, WebSite for home. */
function jsonLdOf(entry: SharedEntry | undefined, ctx: ShareContext, desc: string, image: string) {
  if (!entry) {
    if (!ctx.home) return null;
    return {
      '@context': 'https://schema.org',
      '@type': 'WebSite',
      name: ctx.siteTitle,
      url: ctx.url,
      description: desc,
      inLanguage: ctx.lang,
    };
  }
  const author = entry.author ?? ctx.owner;
  return {
    '@context': 'https://schema.org',
    '@type': entry.kind === 'post' ? 'BlogPosting' : 'WebPage',
    headline: entry.title,
    description: desc,
    url: ctx.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': ctx.url },
    datePublished: entry.date,
    dateModified: entry.updated || entry.date,
    inLanguage: ctx.lang,
    ...(author ? { author: person(author) } : {}),
    ...(ctx.owner ? { publisher: person(ctx.owner) } : {}),
    ...(image ? { image } : {}),
    ...(entry.tags.length ? { keywords: entry.tags.join(', ') } : {}),
    ...(entry.kind === 'post' ? { wordCount: entry.wordCount } : {}),
  };
}

/**
 * JSON for a `<script type="application/ld+json">`: `<` written as \u003c, so no text of a post
 * (a `</script>` in a title) can end the element.
 */
function scriptJson(value: object | null): string {
  return value ? JSON.stringify(value).replace(/</g, '\\u003c') : '';
}

export function shareOf(
  entry: SharedEntry | undefined,
  ctx: ShareContext,
  desc: string,
): ShareView {
  const image = imageOf(entry, ctx);
  return {
    type: entry?.kind === 'post' ? 'article' : 'website',
    title: entry?.title || ctx.siteTitle,
    siteName: ctx.siteTitle,
    image,
    published: entry?.kind === 'post' ? entry.date : '',
    modified: entry?.kind === 'post' ? entry.updated || entry.date : '',
    tags: entry?.kind === 'post' ? [...entry.tags] : [],
    jsonLd: scriptJson(jsonLdOf(entry, ctx, desc, image)),
  };
}

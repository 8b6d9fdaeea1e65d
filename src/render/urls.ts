// URL building: every link pugo makes, from the site's link formats (Pugo 0.10's by default, or
// Pugo 2022's), so no inbound link breaks.

import type { LinkFormats } from '../config/site-config.js';
import { fillLink } from '../content/link-formats.js';

// Paths are kept decoded ('/tags/中文.html') everywhere inside pugo; links encode them (encodePath).

/** A tag's path segment: the tag as written; path separators become '-'. */
export function tagSegment(name: string): string {
  return name.replace(/[/\\]/g, '-').replace(/^\.{1,2}$/, (dots) => `tag${dots}`);
}

/** Characters encodeURIComponent leaves alone, plus '/': most paths need no work. */
const URL_SAFE = /^[A-Za-z0-9\-._~!*'()/]*$/;

/** Percent-encodes each segment of a decoded path, for an href. */
export function encodePath(path: string): string {
  if (URL_SAFE.test(path)) return path;
  return path.split('/').map(encodeURIComponent).join('/');
}

/** A tag's page, or its first page when tag pages are paged: '/tags/Go.html', '/tag/Go/'. */
export function tagPath(links: LinkFormats, name: string): string {
  return fillLink(links.tag, { Tag: tagSegment(name) });
}

/** Page `page` of a tag's list when tag pages are paged: '/tags/Go/2.html', '/tag/Go/2/'. */
export function tagPagePath(links: LinkFormats, name: string, page: number): string {
  return fillLink(links.tagPage, { Tag: tagSegment(name), Page: String(page) });
}

/** Page `page` of the post list: '/' first, as Pugo linked it, then '/posts/2.html' … */
export function indexPath(links: LinkFormats, page: number): string {
  return page === 1 ? '/' : postPagePath(links, page);
}

/** Where page `page` of the post list is written: '/posts/1.html' is a copy of '/'. */
export function postPagePath(links: LinkFormats, page: number): string {
  return fillLink(links.postPage, { Page: String(page) });
}

/**
 * The page listing every tag, beside the tags' own: '/tags.html' for '/tags/<tag>.html', '/tag/'
 * for Pugo 2022's '/tag/<tag>/'.
 */
export function tagsIndexPath(links: LinkFormats): string {
  const [folder, rest = ''] = fillLink(links.tag, { Tag: '\u0000' }).split('\u0000');
  if (!folder.endsWith('/') || folder === '/') return '/tags.html';
  return rest.endsWith('/') ? folder : `${folder.slice(0, -1)}.html`;
}

export function archivePath(links: LinkFormats): string {
  return fillLink(links.archive, {});
}

export const FIXED_PATHS = {
  rss: '/feed.xml',
  atom: '/atom.xml',
  json: '/feed.json',
  sitemap: '/sitemap.xml',
  /** The search page (search/), and the folder of the files its script reads. */
  search: '/search.html',
  searchFiles: '/search/',
} as const;

/** A root-relative link gets the site's base path; absolute and protocol-relative ones do not. */
export function withBase(base: string, link: string): string {
  if (!link.startsWith('/') || link.startsWith('//')) return link;
  return `${base}${link}`;
}

/** The file a URL path is written to under dest/: '/' → 'index.html', '/a/b.html' → 'a/b.html'. */
export function fileOfPath(path: string): string {
  return path.endsWith('/') ? `${path.slice(1)}index.html` : path.slice(1);
}

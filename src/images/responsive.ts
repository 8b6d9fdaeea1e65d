// <img> tags of a rendered body made responsive: the image's width and height (no layout shift
// as it loads), a srcset of its WebP variants with sizes for the theme's column, and lazy
// loading for every image but the first, which is likely above the fold.

import type { ImageCatalog } from './catalog.js';
import { RESIZED } from './image-info.js';
import { listedWidths, variantPath } from './variants.js';

/**
 * How wide an image of a post is shown: the default theme's column is 46rem (736 px) and the
 * full width below it. A browser takes the smallest variant covering this at its pixel ratio.
 */
export const IMAGE_SIZES = '(max-width: 46rem) 100vw, 46rem';

const IMG = /<img\b[^>]*>/gi;
const SRC = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;

const has = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=`, 'i').test(tag);

function decodedPath(src: string): string | null {
  try {
    return decodeURI(src.split(/[?#]/)[0]);
  } catch {
    return null;
  }
}

/** What an <img> of a catalogued image gets: its size, and its variants for srcset. */
export interface ImageAttributes {
  width: number;
  height: number;
  /** '' when it has no variants. */
  srcset: string;
  sizes: string;
}

/** The attributes for an image at `src` (an href, with the base), if the catalog has it. */
export function imageAttributes(
  src: string,
  base: string,
  catalog: ImageCatalog,
  url: (path: string) => string,
): ImageAttributes | null {
  const path = src.startsWith(`${base}/`) ? decodedPath(src.slice(base.length)) : null;
  const image = path ? catalog.at(path) : undefined;
  if (!image || image.info.problem) return null;
  const widths = listedWidths(image);
  const srcset = widths.map((w) => `${url(variantPath(image, w))} ${w}w`).join(', ');
  const { width, height } = image.info;
  return { width, height, srcset, sizes: srcset ? IMAGE_SIZES : '' };
}

/**
 * The body's <img> tags with width, height, srcset, sizes, loading and decoding, for those the
 * catalog has; `base` is the site's path prefix, `url` makes a variant's href.
 */
export function responsiveImages(
  html: string,
  base: string,
  catalog: ImageCatalog,
  url: (path: string) => string,
): string {
  if (!html.includes('<img')) return html;
  let seen = 0;
  return html.replace(IMG, (tag) => {
    const first = seen++ === 0;
    const added: string[] = [];
    const m = SRC.exec(tag);
    const found = m ? imageAttributes(m[1] ?? m[2] ?? m[3] ?? '', base, catalog, url) : null;
    if (found) {
      const { width, height, srcset, sizes } = found;
      if (!has(tag, 'width') && !has(tag, 'height'))
        added.push(`width="${width}" height="${height}"`);
      if (srcset && !has(tag, 'srcset')) added.push(`srcset="${srcset}" sizes="${sizes}"`);
    }
    if (!first && !has(tag, 'loading')) added.push('loading="lazy"');
    if (!has(tag, 'decoding')) added.push('decoding="async"');
    if (!added.length) return tag;
    const end = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
    return `${tag.slice(0, end).trimEnd()} ${added.join(' ')}${tag.slice(end)}`;
  });
}

/**
 * The site's own PNG and JPEG images a body (and a thumb) shows, as URL paths without the base: found at
 * parse time and kept with the entry, so the build knows which images need variants without
 * reading any body.
 */
export function imagesOf(html: string, base: string, thumb = ''): string[] {
  const found = new Set<string>();
  const own = (src: string) =>
    src.startsWith(`${base}/`) ? decodedPath(src.slice(base.length)) : null;
  const thumbPath = own(thumb);
  if (thumbPath && RESIZED.test(thumbPath)) found.add(thumbPath);
  if (!html.includes('<img')) return [...found];
  for (const [tag] of html.matchAll(IMG)) {
    const m = SRC.exec(tag);
    const src = m ? (m[1] ?? m[2] ?? m[3] ?? '') : '';
    const path = own(src);
    if (path && RESIZED.test(path)) found.add(path);
  }
  return [...found];
}

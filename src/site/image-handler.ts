// The WebP variants of the site's images (images/variants.ts): made on first request (the
// server) or once (the build), kept on disk beside the store while their image is unchanged.

import { listedWidths, parseVariant, variantPath, variantWidths } from '../images/variants.js';
import type { RenderedPage } from '../types.js';
import type { Params, RouteHandler } from './handlers.js';
import type { Site } from './site.js';
import type { Snapshot } from './snapshot.js';

export class ImageHandler implements RouteHandler {
  constructor(private readonly site: Site) {}

  async render(path: string, _params: Params): Promise<RenderedPage | null> {
    const images = this.site.images;
    const asked = parseVariant(path);
    const image = asked && images?.catalog.withHash(asked.hash);
    if (!images || !asked || !image || !variantWidths(image).includes(asked.width)) return null;
    // Named by the image's hash: the bytes at this URL never change, nothing to drop them for.
    const body = await images.variants.get(image, asked.width);
    return { status: 200, type: 'image/webp', body, deps: [] };
  }

  reset(): void {}
}

/** Every variant of the images the shown posts and pages use: what the build writes. */
export function variantPaths(snap: Snapshot, site: Site): string[] {
  const catalog = site.images?.catalog;
  if (!catalog) return [];
  const paths = new Set<string>();
  for (const entry of [...snap.posts, ...snap.pages]) {
    for (const path of entry.images ?? []) {
      const image = catalog.at(path);
      if (image) for (const width of listedWidths(image)) paths.add(variantPath(image, width));
    }
  }
  return [...paths].sort();
}

/** The images the shown posts and pages use, as URL paths (for ImageCatalog.measure). */
export function usedImages(snap: Snapshot): string[] {
  return [...snap.posts, ...snap.pages].flatMap((entry) => entry.images ?? []);
}

/**
 * Measures the variants of the images the site shows that are not measured yet; when some
 * were, pages showing images are made anew (with their srcset). Resolves false when none was.
 */
export async function measureImages(site: Site): Promise<boolean> {
  const images = site.images;
  if (!images) return false;
  const measured = await images.catalog.measure(usedImages(site.snapshot()), images.variants);
  if (measured) site.imagesChanged();
  return measured;
}

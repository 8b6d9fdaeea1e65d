// Every PNG and JPEG the site publishes from its content folders (media/, or Pugo 2022's
// assets/): each one's size in pixels and hash, read once and kept in the store while its size
// and mtime stay the same, so a build or a server start reads no image that did not change.

import { eachLimited } from '../each-limited.js';
import { type StaticRoot, servesFile } from '../site/published.js';
import type { Store } from '../store/store.js';
import type { ContentProblem } from '../types.js';
import { statTree } from '../walk.js';
import { type ImageInfo, RESIZED, readImageInfo } from './image-info.js';
import { HASH_CHARS, type VariantCache, variantWidths } from './variants.js';

/** The store's meta key: URL path → ImageInfo, as the last refresh left them. */
export const IMAGES_KEY = 'images';

export interface CatalogImage {
  /** The image's URL path without the base: '/media/2016/a.png'. */
  path: string;
  abs: string;
  info: ImageInfo;
}

/** The content folder's own roots only: the theme's static files are the theme's design. */
export class ImageCatalog {
  private byPath = new Map<string, CatalogImage>();
  private byHash = new Map<string, CatalogImage>();
  /** Changes with every image added, changed or removed: what pages showing images depend on. */
  digest = '';

  constructor(
    private readonly store: Store,
    /** Where each root sits under the content folder ('media'), for problems to name files. */
    private readonly contentDir: string,
  ) {}

  /**
   * Reads the images of `roots` that changed since the store last saw them (4 at once) and
   * returns the problems of those that get no variants, as warnings naming their files.
   */
  async refresh(roots: StaticRoot[]): Promise<ContentProblem[]> {
    const known = (await this.store.getMeta<Record<string, ImageInfo>>(IMAGES_KEY)) ?? {};
    const found: { path: string; abs: string; size: number; mtimeMs: number }[] = [];
    for (const root of roots) {
      const tree = statTree(root.dir, (rel) => servesFile(root, rel));
      for (const file of tree.files) {
        if (RESIZED.test(file.rel)) found.push({ path: `${root.prefix}${file.rel}`, ...file });
      }
    }
    const images: CatalogImage[] = [];
    let changed = found.length !== Object.keys(known).length;
    await eachLimited(found, 4, async ({ path, abs, size, mtimeMs }) => {
      const was = known[path];
      const same = was && was.size === size && was.mtimeMs === mtimeMs;
      const info = same ? was : await readImageInfo(abs, size, mtimeMs);
      if (!same) changed = true;
      images.push({ path, abs, info });
    });
    images.sort((a, b) => (a.path < b.path ? -1 : 1));
    this.byPath = new Map(images.map((image) => [image.path, image]));
    const usable = images.filter((i) => !i.info.problem);
    this.byHash = new Map(usable.map((i) => [i.info.hash.slice(0, HASH_CHARS), i]));
    this.updateDigest();
    if (changed) {
      const value = Object.fromEntries(images.map((i) => [i.path, i.info]));
      await this.store.commit([{ type: 'putMeta', key: IMAGES_KEY, value }]);
    }
    return images
      .filter((i) => i.info.problem)
      .map((i) => ({
        severity: 'warning' as const,
        code: 'PUGO_IMAGE_UNUSABLE',
        file: this.fileOf(i.abs),
        message: `${i.info.problem}: served as it is, without smaller WebP copies`,
      }));
  }

  /**
   * Makes the variants of `paths` (images the shown entries use) not measured yet, and keeps
   * the widths whose WebP is smaller than the image; returns whether any was measured. The
   * build waits for it; the server lets it run after a sync and shows the srcset once done.
   */
  async measure(paths: Iterable<string>, variants: VariantCache): Promise<boolean> {
    const todo = [...new Set(paths)]
      .map((path) => this.byPath.get(path))
      .filter((i): i is CatalogImage => !!i && !i.info.problem && !i.info.widths);
    if (!todo.length) return false;
    await eachLimited(todo, 2, async (image) => {
      const widths: number[] = [];
      for (const width of variantWidths(image)) {
        const bytes = await variants.get(image, width);
        if (bytes.length < image.info.size) widths.push(width);
      }
      image.info = { ...image.info, widths };
    });
    const value = Object.fromEntries([...this.byPath].map(([path, i]) => [path, i.info]));
    await this.store.commit([{ type: 'putMeta', key: IMAGES_KEY, value }]);
    this.updateDigest();
    return true;
  }

  private updateDigest(): void {
    const parts = [...this.byPath.values()].map(
      (i) => `${i.path} ${i.info.hash} ${i.info.widths?.join(',') ?? '-'}`,
    );
    this.digest = parts.join('\n');
  }

  private fileOf(abs: string): string {
    return abs.startsWith(this.contentDir) ? abs.slice(this.contentDir.length + 1) : abs;
  }

  /** The image at a URL path (without the base), if it is one the catalog has. */
  at(path: string): CatalogImage | undefined {
    return this.byPath.get(path);
  }

  /** The usable image whose hash starts with `prefix` (HASH_CHARS of it: a variant's name). */
  withHash(prefix: string): CatalogImage | undefined {
    return this.byHash.get(prefix);
  }
}

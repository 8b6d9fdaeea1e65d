// WebP copies of an image at the widths a reader's screen wants: named by the image's hash (so
// a changed image gets new URLs and an unchanged one keeps them), made once with sharp and kept
// on disk beside the store, bounded in bytes, for the build and the server alike.
//
// AVIF was measured and left out: on the images of the sample site and fuxiaohei-me, sharp made
// AVIF 25-35% smaller than WebP at the same widths but took 5-35 times as long (1.5 s for one
// 960 px copy of a screenshot, against 44 ms), which a first request cannot wait for.

import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogImage } from './catalog.js';
import { loadSharp } from './image-info.js';

/** Widths made of an image wider than them; one as wide as the image too, up to the last. */
export const VARIANT_WIDTHS = [480, 960, 1440, 1920] as const;

/** Where variants are served and built: '/_img/<name>-<hash>-<width>.webp'. */
export const VARIANTS_PREFIX = '/_img/';

/** The characters of an image's hash its variants' names carry. */
export const HASH_CHARS = 12;

const VARIANT = /^\/_img\/(?:[^/]*-)?([0-9a-f]{12})-(\d{2,5})\.webp$/;

/** The widths a variant could be made at: those narrower than the image, and its own. */
export function variantWidths(image: CatalogImage): number[] {
  const { width, problem } = image.info;
  if (problem) return [];
  const widths: number[] = VARIANT_WIDTHS.filter((w) => w < width);
  if (width <= VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]) widths.push(width);
  return widths;
}

/** The widths offered in srcset: those measured worth it (none before they are measured). */
export function listedWidths(image: CatalogImage): number[] {
  return image.info.problem ? [] : (image.info.widths ?? []);
}

/** The URL path (without the base) of one variant. */
export function variantPath(image: CatalogImage, width: number): string {
  const file = image.path.slice(image.path.lastIndexOf('/') + 1);
  const stem = file
    .replace(/\.[^.]+$/, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .slice(0, 40);
  return `${VARIANTS_PREFIX}${stem ? `${stem}-` : ''}${image.info.hash.slice(0, HASH_CHARS)}-${width}.webp`;
}

export function parseVariant(path: string): { hash: string; width: number } | null {
  const m = VARIANT.exec(path);
  return m ? { hash: m[1], width: Number(m[2]) } : null;
}

/**
 * Variants on disk, at most `maxBytes` of them: the oldest made go first. A variant is written
 * to a temporary name and renamed, so a reader never gets half of one.
 */
export class VariantCache {
  private sizes: Map<string, number> | null = null;
  private total = 0;
  private readonly making = new Map<string, Promise<Buffer>>();

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {}

  /** The variant's bytes: read from disk, or made (once, however many ask) and kept. */
  async get(image: CatalogImage, width: number): Promise<Buffer> {
    const name = `${image.info.hash.slice(0, HASH_CHARS)}-${width}.webp`;
    const sizes = await this.load();
    if (sizes.has(name)) {
      try {
        return await readFile(join(this.dir, name));
      } catch {
        sizes.delete(name);
      }
    }
    let made = this.making.get(name);
    if (!made) {
      made = this.make(image, width, name);
      this.making.set(name, made);
      made.finally(() => this.making.delete(name)).catch(() => {});
    }
    return made;
  }

  private async make(image: CatalogImage, width: number, name: string): Promise<Buffer> {
    const sharp = await loadSharp();
    const resized = () => sharp(image.abs).rotate().resize({ width });
    let body = await resized().webp({ quality: 75 }).toBuffer();
    // A PNG is often a screenshot or a diagram, which lossless WebP keeps smaller (and sharp).
    if (/\.png$/i.test(image.abs)) {
      const lossless = await resized().webp({ lossless: true, effort: 4 }).toBuffer();
      if (lossless.length < body.length) body = lossless;
    }
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `.${name}.${process.pid}.tmp`);
    await writeFile(temp, body);
    await rename(temp, join(this.dir, name));
    const sizes = await this.load();
    sizes.set(name, body.length);
    this.total += body.length;
    await this.evict();
    return body;
  }

  private async load(): Promise<Map<string, number>> {
    if (this.sizes) return this.sizes;
    const sizes = new Map<string, number>();
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const found: [string, number, number][] = [];
    for (const name of names) {
      if (!name.endsWith('.webp') || name.startsWith('.')) continue;
      const info = await stat(join(this.dir, name)).catch(() => null);
      if (info) found.push([name, info.size, info.mtimeMs]);
    }
    // Oldest first: a Map keeps insertion order, and eviction takes from its start.
    found.sort((a, b) => a[2] - b[2]);
    for (const [name, size] of found) sizes.set(name, size);
    this.total = found.reduce((sum, f) => sum + f[1], 0);
    this.sizes = sizes;
    return sizes;
  }

  private async evict(): Promise<void> {
    const sizes = this.sizes;
    if (!sizes) return;
    for (const [name, size] of sizes) {
      if (this.total <= this.maxBytes) break;
      sizes.delete(name);
      this.total -= size;
      await unlink(join(this.dir, name)).catch(() => {});
    }
  }

  figures(): { files: number; bytes: number; maxBytes: number } {
    return { files: this.sizes?.size ?? 0, bytes: this.total, maxBytes: this.maxBytes };
  }
}

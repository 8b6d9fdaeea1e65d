// What pugo knows of one image of media/: its size in pixels (for width and height, so the page
// does not shift as it loads) and the hash of its bytes (which names its variants), read with
// sharp from the file's header; or why it gets no variants.

import { readFile } from 'node:fs/promises';
import { hashBytes } from '../hash.js';

/** The formats that get WebP variants: what posts hold of photos and screenshots. */
export const RESIZED = /\.(png|jpe?g)$/i;

/** Past these an image is served as is: decoding it would cost seconds and hundreds of MB. */
export const MAX_IMAGE_BYTES = 40 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 50_000_000;

export interface ImageInfo {
  size: number;
  mtimeMs: number;
  /** sha1 of the bytes: variants are named and kept by it. */
  hash: string;
  /** As shown (EXIF orientation applied). */
  width: number;
  height: number;
  /** Why it has no variants ('' when it has): a file sharp cannot read, or too big. */
  problem: string;
  /**
   * The widths whose WebP came out smaller than the image itself, once measured (catalog.ts):
   * only those are offered. A screenshot often is not: a 24 KB palette PNG made a 55 KB WebP
   * at 480 px.
   */
  widths?: number[];
}

type Sharp = typeof import('sharp').default;
let sharpModule: Promise<Sharp> | null = null;

/** sharp loads (libvips, 10-20 MB of native code) only when an image is read. */
export function loadSharp(): Promise<Sharp> {
  sharpModule ??= import('sharp').then((m) => m.default);
  return sharpModule;
}

export async function readImageInfo(
  abs: string,
  size: number,
  mtimeMs: number,
): Promise<ImageInfo> {
  const bytes = await readFile(abs);
  const info = { size, mtimeMs, hash: hashBytes(bytes), width: 0, height: 0, problem: '' };
  if (bytes.length > MAX_IMAGE_BYTES) {
    return {
      ...info,
      problem: `${(bytes.length / 1048576).toFixed(0)} MB, over the ${MAX_IMAGE_BYTES / 1048576} MB pugo resizes`,
    };
  }
  const sharp = await loadSharp();
  try {
    const meta = await sharp(bytes).metadata();
    const { width, height } = meta.autoOrient ?? meta;
    if (!width || !height) return { ...info, problem: 'sharp read no width and height in it' };
    if (width * height > MAX_IMAGE_PIXELS) {
      return {
        ...info,
        width,
        height,
        problem: `${width}×${height} pixels, over the ${MAX_IMAGE_PIXELS / 1e6} megapixels pugo resizes`,
      };
    }
    return { ...info, width, height };
  } catch (err) {
    return { ...info, problem: `not an image sharp can read (${(err as Error).message})` };
  }
}

// What dest/ holds, as the build needs to know it: one listing, the hashes recorded (or read back
// after a build that did not finish), and the removal of what no build makes any more.

import { readFile, unlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { hashBytes } from '../hash.js';
import type { OutputRecord, StoreOp } from '../store/store.js';
import { noDotSegment, walkFiles } from '../walk.js';
import { TEMP_FILE } from './write-file.js';

/** dest/ as the last build left it, as far as the store and one listing know. */
export interface DestState {
  destDir: string;
  /** File → what the last build recorded of it. */
  previous: Map<string, OutputRecord>;
  /** The files in dest/, dotfiles and temporary files left out; kept up to date as the build writes. */
  present: Set<string>;
  /** The last build did not finish: believe the bytes on disk, not `previous`. */
  unfinished: boolean;
}

/** dest/'s files as posix paths, sorted; dotfiles and dot-folders (a .git, a CNAME's kin) aside. */
export function listDest(destDir: string): string[] {
  return walkFiles(destDir, noDotSegment)
    .filter(({ entry }) => entry.isFile())
    .map(({ rel }) => rel)
    .sort();
}

/**
 * One listing of dest/ instead of a stat per file (a user may have deleted outputs by hand):
 * `listed`, when the caller has just made it (the build's stamp check). The temporary files of
 * a build killed mid-write are removed here: nothing else is named that way, and no rename will
 * ever come for them.
 */
export async function readDest(
  destDir: string,
  previous: Map<string, OutputRecord>,
  unfinished: boolean,
  listed: string[] = listDest(destDir),
): Promise<DestState> {
  const present = new Set<string>();
  for (const rel of listed) {
    if (TEMP_FILE.test(rel)) await unlink(join(destDir, rel)).catch(() => {});
    else present.add(rel);
  }
  return { destDir, previous, present, unfinished };
}

/** The hash of the bytes dest/ holds for `file`: as recorded, or read after an unfinished build. */
export async function hashInDest(dest: DestState, file: string): Promise<string | undefined> {
  if (!dest.present.has(file)) return undefined;
  if (!dest.unfinished) return dest.previous.get(file)?.hash;
  const bytes = await readFile(join(dest.destDir, file)).catch(() => null);
  return bytes ? hashBytes(bytes) : undefined;
}

/** Deletes what an earlier build made and this one does not; nothing else in dest/ is touched. */
export async function removeStale(
  made: Set<string>,
  dest: DestState,
  ops: StoreOp[],
): Promise<number> {
  const stale = [...dest.previous.keys()].filter((file) => !made.has(file));
  for (const file of stale) {
    await unlink(join(dest.destDir, file)).catch(() => {});
    dest.present.delete(file);
    ops.push({ type: 'delOutput', path: file });
  }
  return stale.length;
}

/**
 * Files under `dir` whose posix path under it `keep` accepts; by default none under a dotfile
 * or dot-folder (a .git in dest/, a .DS_Store).
 */
export function listFiles(dir: string, keep = noDotSegment): string[] {
  return walkFiles(dir, keep)
    .filter(({ entry }) => entry.isFile())
    .map(({ abs }) => abs)
    .sort();
}

export function posixRelative(dir: string, abs: string): string {
  return relative(dir, abs).split(sep).join('/');
}

// Writing under dest/: through a temporary file and a rename, so no reader sees half a file.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { dirname, join } from 'node:path';
import { asFault } from '../faults.js';

/**
 * The temporary files of writeAtomic: `<file>.pugo-<12 hex>.tmp` (before, `<file>.<12 hex>.tmp`).
 * Named so a build can tell them from a user's files: a build killed between the write and the
 * rename leaves one behind, and the next build removes it.
 */
export const TEMP_FILE = /\.(pugo-)?[0-9a-f]{12}\.tmp$/;

/** 6 random hex digits for this process, then a count: one random draw a build, not a file. */
const PROCESS_TAG = randomBytes(3).toString('hex');
let made = 0;

function tempOf(file: string): string {
  made = (made + 1) % 0x1000000;
  return `${file}.pugo-${PROCESS_TAG}${made.toString(16).padStart(6, '0')}.tmp`;
}

/**
 * Writes through a temporary file and a rename. Synchronous, as a build's writes are: on this
 * 2-core machine the thread pool's hand-offs (open, write, close, rename, each a round trip)
 * cost the main thread more than the calls themselves, 0.4 s of a 1,000-post build.
 */
export function writeAtomic(file: string, bytes: Buffer): void {
  const temp = tempOf(file);
  try {
    try {
      fs.writeFileSync(temp, bytes);
    } catch (err) {
      // The folder is made only when a write finds it missing: no mkdir call per file.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      makeFolder(dirname(file));
      fs.writeFileSync(temp, bytes);
    }
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw asFault(err, 'writing', file) ?? err;
  }
}

/**
 * Makes every folder that `files` (paths under `root`) will be written into, once each, parents
 * first, before any write: a cold build otherwise met ENOENT at the first write into each of its
 * 783 folders (1,000 posts), made the folder, and opened the file again. A folder that exists
 * already costs one failed mkdir.
 */
export function makeFolders(root: string, files: Iterable<string>): void {
  const folders = new Set<string>();
  for (const file of files) {
    for (let dir = dirname(file); dir !== '.' && !folders.has(dir); dir = dirname(dir)) {
      folders.add(dir);
    }
  }
  // Sorted, a parent comes before its children. A folder that cannot be made is left to the
  // write into it, which says why (writeAtomic), as it did before folders were made ahead.
  for (const dir of [...folders].sort()) {
    try {
      fs.mkdirSync(join(root, dir));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') continue;
      try {
        fs.mkdirSync(join(root, dir), { recursive: true });
      } catch {
        // Said by the write into it.
      }
    }
  }
}

/**
 * Node's recursive mkdir says ENOENT for a folder it may not make (on a read-only file system,
 * say): a plain mkdir of the first missing folder then gives the real reason.
 */
function makeFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    let missing = dir;
    while (dirname(missing) !== missing && !fs.existsSync(dirname(missing)))
      missing = dirname(missing);
    fs.mkdirSync(missing);
    throw err;
  }
}

// Writing under dest/: through a temporary file and a rename, so no reader sees half a file.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { asFault } from '../faults.js';

// The callback forms: measured here at 0.13 ms a file against 0.5 ms for fs/promises, whose
// FileHandle round trips cost more than the write itself for small pages.
const writeFile = promisify(fs.writeFile);
const rename = promisify(fs.rename);
const mkdir = promisify(fs.mkdir);
const rm = promisify(fs.rm);

/**
 * The temporary files of writeAtomic: `<file>.pugo-<12 hex>.tmp` (before, `<file>.<12 hex>.tmp`).
 * Named so a build can tell them from a user's files: a build killed between the write and the
 * rename leaves one behind, and the next build removes it.
 */
export const TEMP_FILE = /\.(pugo-)?[0-9a-f]{12}\.tmp$/;

export async function writeAtomic(file: string, bytes: Buffer): Promise<void> {
  const temp = `${file}.pugo-${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, bytes).catch(async (err: NodeJS.ErrnoException) => {
      // The folder is made only when a write finds it missing: no mkdir call per file.
      if (err.code !== 'ENOENT') throw err;
      await makeFolder(dirname(file));
      await writeFile(temp, bytes);
    });
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => {});
    throw asFault(err, 'writing', file) ?? err;
  }
}

/**
 * Makes every folder that `files` (paths under `root`) will be written into, once each, parents
 * first, before any write: a cold build otherwise met ENOENT at the first write into each of its
 * 783 folders (1,000 posts), made the folder, and opened the file again, in 16 writers that raced
 * to make the same folders. A folder that exists already costs one failed mkdir.
 */
export async function makeFolders(root: string, files: Iterable<string>): Promise<void> {
  const folders = new Set<string>();
  for (const file of files) {
    for (let dir = dirname(file); dir !== '.' && !folders.has(dir); dir = dirname(dir)) {
      folders.add(dir);
    }
  }
  // Sorted, a parent comes before its children. A folder that cannot be made is left to the
  // write into it, which says why (writeAtomic), as it did before folders were made ahead.
  for (const dir of [...folders].sort()) {
    await mkdir(join(root, dir)).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') await mkdir(join(root, dir), { recursive: true }).catch(() => {});
    });
  }
}

/**
 * Node's recursive mkdir says ENOENT for a folder it may not make (on a read-only file system,
 * say): a plain mkdir of the first missing folder then gives the real reason.
 */
async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    let missing = dir;
    while (dirname(missing) !== missing && !fs.existsSync(dirname(missing)))
      missing = dirname(missing);
    await mkdir(missing);
    throw err;
  }
}

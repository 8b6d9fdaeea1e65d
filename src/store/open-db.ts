// Opening LevelDB: a store held by another process, or one that will not open, gets a message
// a user can act on (and a corrupt one is moved aside and rebuilt from content).

import { readdir, rename } from 'node:fs/promises';
import { Level } from 'level';
import { PugoError } from '../errors.js';
import type { Logger } from '../log.js';

export type Db = Level<string, unknown>;

/** Opens LevelDB, turning its failures into messages a user can act on. */
export async function openDb(location: string, log: Logger): Promise<Db> {
  if (await lostItsCurrent(location)) {
    const cause = new Error(`CURRENT is missing from ${location}`);
    return moveAsideAndOpen(location, log, cause);
  }
  const db = new Level<string, unknown>(location, { valueEncoding: 'json' });
  try {
    await db.open({ createIfMissing: true });
    return db;
  } catch (cause) {
    const code = (cause as { code?: string; cause?: { code?: string } }).cause?.code;
    if (code === 'LEVEL_LOCKED' || (cause as { code?: string }).code === 'LEVEL_LOCKED') {
      throw new PugoError(
        'PUGO_STORE_LOCKED',
        `the store ${location} is in use by another pugo process; stop it or pass --store`,
        { file: location, cause },
      );
    }
    return moveAsideAndOpen(location, log, cause);
  }
}

/**
 * A store folder with LevelDB's data files but no CURRENT (the file naming the live manifest):
 * LevelDB would quietly start an empty store among the old files, so it is treated as corrupt.
 * A MANIFEST alone is not data: a process killed while LevelDB created the store leaves
 * MANIFEST-000001 and 000001.dbtmp before CURRENT, and LevelDB makes that store anew.
 */
async function lostItsCurrent(location: string): Promise<boolean> {
  const names = await readdir(location).catch(() => [] as string[]);
  if (names.includes('CURRENT')) return false;
  return names.some((n) => /^\d+\.(log|ldb|sst)$/.test(n));
}

/** Moves a corrupt store aside (kept, for whoever wants to look) and opens an empty one. */
export async function moveAsideAndOpen(location: string, log: Logger, cause: unknown): Promise<Db> {
  const aside = `${location}.corrupt-${Date.now()}`;
  await rename(location, aside);
  const why = cause instanceof Error ? `: ${cause.message}` : '';
  const message = `the store is corrupt${why}; moved it to ${aside}, rebuilding from content`;
  log.warn(new PugoError('PUGO_STORE_CORRUPT', message, { file: location, cause }).describe());
  const fresh = new Level<string, unknown>(location, { valueEncoding: 'json' });
  await fresh.open({ createIfMissing: true });
  return fresh;
}

/**
 * A failure that says the store's files are damaged, as LevelDB and `level` word it (checked
 * through the `cause` chain): a checksum or block that does not read back, a table file cut
 * short, a value that is not the JSON written.
 */
export function isCorruption(err: unknown): boolean {
  for (let e = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: string }).code;
    if (code === 'LEVEL_CORRUPTION' || code === 'LEVEL_DECODE_ERROR') return true;
    if (/^(Corruption: |IO error: .*\.(ldb|sst|log): )/.test(e.message)) return true;
  }
  return false;
}

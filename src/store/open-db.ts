// Opening LevelDB: a store held by another process, or one that will not open, gets a message
// a user can act on (and a corrupt one is moved aside and rebuilt from content).

import { readdir, rename } from 'node:fs/promises';
import { Level } from 'level';
import { PugoError } from '../errors.js';
import { asFault, isFault } from '../faults.js';
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
    // A full or read-only disk is no damage: the store is healthy, and it holds the one copy of
    // the last good version of every post whose file is broken now. Only corruption moves it.
    const fault = asFault(cause, 'opening the store', location);
    if (fault) throw fault;
    if (isCorruption(cause)) return moveAsideAndOpen(location, log, cause);
    throw cause;
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
  await rename(location, aside).catch((err) => {
    throw asFault(err, 'moving the corrupt store aside from', location) ?? err;
  });
  const why = cause instanceof Error ? `: ${cause.message}` : '';
  const message = `the store is corrupt${why}; moved it to ${aside}, rebuilding from content`;
  log.warn(new PugoError('PUGO_STORE_CORRUPT', message, { file: location, cause }).describe());
  const fresh = new Level<string, unknown>(location, { valueEncoding: 'json' });
  await fresh.open({ createIfMissing: true }).catch((err) => {
    throw asFault(err, 'creating the store', location) ?? err;
  });
  return fresh;
}

/**
 * A failure that says the store's files are damaged, as LevelDB and `level` word it (checked
 * through the `cause` chain): a checksum or block that does not read back, a table file cut
 * short or gone, a value that is not the JSON written. An I/O error that names a fault of the
 * machine (no space, read-only, permission) is not damage: LevelDB words a full disk as
 * "IO error: …/000014.log: No space left on device", and such a store was moved aside before.
 */
export function isCorruption(err: unknown): boolean {
  if (isFault(err)) return false;
  for (let e = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: string }).code;
    if (code === 'LEVEL_CORRUPTION' || code === 'LEVEL_DECODE_ERROR') return true;
    if (/^(Corruption: |IO error: .*\.(ldb|sst|log): )/.test(e.message)) return true;
  }
  return false;
}

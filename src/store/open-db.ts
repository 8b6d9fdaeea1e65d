// Opening LevelDB: a store held by another process, or one that will not open, gets a message
// a user can act on (and a corrupt one is moved aside and rebuilt from content).

import { rename } from 'node:fs/promises';
import { Level } from 'level';
import { PugoError } from '../errors.js';
import type { Logger } from '../log.js';

export type Db = Level<string, unknown>;

/** Opens LevelDB, turning its failures into messages a user can act on. */
export async function openDb(location: string, log: Logger): Promise<Db> {
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
    const aside = `${location}.corrupt-${Date.now()}`;
    await rename(location, aside);
    const message = `the store could not be opened; moved it to ${aside}, rebuilding from content`;
    log.warn(new PugoError('PUGO_STORE_CORRUPT', message, { file: location, cause }).describe());
    const fresh = new Level<string, unknown>(location, { valueEncoding: 'json' });
    await fresh.open({ createIfMissing: true });
    return fresh;
  }
}

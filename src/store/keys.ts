// Key encoding for the store's keyspaces: keys sort the way the site lists them.

import type { Entry } from '../types.js';
import type { IndexKeys } from './store.js';

/** Separates the parts of a compound key; sorts before every printable character. */
const SEP = '\u0000';

/** byDate: ISO date first, so an ordered scan is a timeline; the id breaks ties. */
export function byDateKey(date: string, id: string): string {
  return `${date}${SEP}${id}`;
}

export function splitKey(key: string): string[] {
  return key.split(SEP);
}

export function indexKeysOf(entry: Entry): IndexKeys {
  if (entry.kind === 'page') return { path: entry.path, byDate: null };
  return { path: entry.path, byDate: byDateKey(entry.date, entry.id) };
}

// The stamp a finished build leaves in its store's folder: what it was built from and what it
// said. The next build compares it before it loads the store, the parser or the theme, so a
// build with nothing to do costs little more than starting Node.

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { asFault } from '../faults.js';
import { hashOf } from '../hash.js';
import type { LeftOut } from '../site/entry-state.js';
import type { ContentProblem } from '../types.js';
import { notTooling, type StatTree, statTree } from '../walk.js';
import { posixRelative } from './dest.js';
import { signatureOf, treeSignature } from './fingerprint.js';
import { writeAtomic } from './write-file.js';

/**
 * In the LevelDB folder, which LevelDB leaves alone: the stamp goes wherever the store goes
 * (deleted with it, moved aside with a damaged one), so it never outlives what it describes.
 */
const STAMP_FILE = 'pugo-build-stamp.json';

/** Bumped when what a stamp holds or means changes: an older stamp then matches nothing. */
const STAMP_VERSION = 1;

/** Where a build reads and writes, and the flags and pugo it builds with; paths resolved. */
export interface BuildPlace {
  contentDir: string;
  themeDir: string;
  storeDir: string;
  destDir: string;
  drafts: boolean;
  future: boolean;
  version: string;
}

/** What a build was made from, as two hashes. */
export interface BuildInputs {
  /** The place and flags. */
  place: string;
  /** Names, sizes and mtimes of every file of the content and theme folders. */
  files: string;
}

/** What the last finished build said, to be said again when nothing changed. */
export interface BuildSaid {
  pages: number;
  leftOut: LeftOut;
  /** The warnings and errors it reported, each as the content's files gave it. */
  problems: ContentProblem[];
}

interface Stamp extends BuildInputs, BuildSaid {
  /** The names of the files dest/ held when the build was done. */
  dest: string;
  /** When the next scheduled post comes due (ms): from then on the stamp holds no more. */
  dueAt?: number;
}

/**
 * Every file the output can depend on: all of the content folder (posts, pages, meta.toml,
 * lang/, media, a .well-known/) and of the theme, but for a .git or node_modules, and dest/ and
 * the store when they sit inside it. Read before the build begins, so an edit made while it
 * runs is seen by the next one; `content` is listContent's walk, which the sync reuses.
 */
export function buildInputs(place: BuildPlace, content = listContent(place)): BuildInputs {
  const { contentDir, themeDir, destDir, drafts, future, version } = place;
  return {
    place: hashOf([STAMP_VERSION, version, contentDir, themeDir, destDir, drafts, future]),
    files: hashOf([signatureOf([content]), treeSignature([themeDir])]),
  };
}

/** The content folder's files with their stat: all but tooling, and dest/ and the store inside it. */
export function listContent(place: BuildPlace): StatTree {
  const { contentDir, storeDir, destDir } = place;
  const inside = [destDir, storeDir]
    .map((dir) => `${posixRelative(contentDir, dir)}/`)
    .filter((rel) => rel !== '/' && !rel.startsWith('..'));
  const keep = (rel: string) => notTooling(rel) && !inside.some((dir) => rel.startsWith(dir));
  return statTree(contentDir, keep);
}

/**
 * What the last build said, if it still holds: the same place and files, dest/ holding the
 * same files (`destFiles`, listDest's: a user may have deleted some by hand), and no scheduled
 * post due since.
 */
export function stillBuilt(
  place: BuildPlace,
  inputs: BuildInputs,
  now: number,
  destFiles: string[],
): BuildSaid | null {
  const stamp = readStamp(place.storeDir);
  if (!stamp || stamp.place !== inputs.place || stamp.files !== inputs.files) return null;
  if (now >= (stamp.dueAt ?? Infinity) || stamp.dest !== hashOf(destFiles)) return null;
  const { pages, leftOut, problems } = stamp;
  return { pages, leftOut, problems };
}

/** Before a build changes anything: until it finishes, no stamp says the output is current. */
export function clearStamp(storeDir: string): void {
  try {
    rmSync(join(storeDir, STAMP_FILE), { force: true });
  } catch (err) {
    // The first write into the store's folder: a full or read-only disk shows here first.
    throw asFault(err, 'opening the store', storeDir) ?? err;
  }
}

/**
 * After a build finished: what it was made from (read before it began), what it said, and the
 * files it left in dest/ (listDest's form).
 */
export function writeStamp(
  place: BuildPlace,
  inputs: BuildInputs,
  said: BuildSaid,
  built: { dueAt?: number; destFiles: string[] },
): void {
  const stamp: Stamp = { ...inputs, ...said, dest: hashOf(built.destFiles), dueAt: built.dueAt };
  writeAtomic(join(place.storeDir, STAMP_FILE), Buffer.from(JSON.stringify(stamp)));
}

function readStamp(storeDir: string): Stamp | null {
  try {
    return JSON.parse(readFileSync(join(storeDir, STAMP_FILE), 'utf8')) as Stamp;
  } catch {
    // None yet, or unreadable: either way the build finds out for itself.
    return null;
  }
}

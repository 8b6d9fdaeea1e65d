// A folder's files, walked synchronously: one readdir per folder, no stat, nothing outside it.

import { type Dirent, readdirSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import { asFault } from './faults.js';

/** A file (or link) found by a walk: its entry, absolute path and posix path under the root. */
export interface Listed {
  entry: Dirent;
  abs: string;
  rel: string;
}

/**
 * Everything but folders under `root` that `keep` accepts, unsorted. `keep` is asked about each
 * folder too, as its path with a slash ('media/', '.git/'), and a folder it refuses is not read:
 * a .git or node_modules costs nothing. Links to folders are not followed (a loop cannot hang a
 * walk); a link is listed like a file, for the caller to stat. A folder that is not there (or
 * was removed meanwhile) has nothing in it; one that cannot be read is a fault, never taken for
 * empty (a sync would then delete its posts from the store).
 *
 * Synchronous: 15 ms for dest/ of 1,000 posts (1,945 entries) against 40-70 ms through
 * fs/promises. A build has nothing else to do meanwhile; a server's requests wait as long
 * on a save's scan (about 30 ms at 4,000 posts), where the thread pool's round trips kept the
 * scan itself four times longer.
 */
export function walkFiles(
  root: string,
  keep: (rel: string) => boolean,
  /** Told of each folder `keep` refused, as 'rel/'. */
  refused: (rel: string) => void = () => {},
): Listed[] {
  const listed: Listed[] = [];
  const visit = (abs: string, rel: string) => {
    for (const entry of readFolder(abs)) {
      // Built by hand: path.join and path.relative cost as much as the readdir calls.
      const childAbs = `${abs}${sep}${entry.name}`;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (keep(`${childRel}/`)) visit(childAbs, childRel);
        else refused(`${childRel}/`);
      } else if (keep(childRel)) listed.push({ entry, abs: childAbs, rel: childRel });
    }
  };
  visit(root.endsWith(sep) ? root.slice(0, -1) : root, '');
  return listed;
}

/** A file of a StatTree: where it is, and its size and mtime (a link's: its target's). */
export interface StatRow {
  abs: string;
  rel: string;
  size: number;
  mtimeMs: number;
}

/** The files under a folder with their stat, as one walk saw them, and what it did not enter. */
export interface StatTree {
  root: string;
  files: StatRow[];
  /** The folders `keep` refused ('node_modules/'): whoever reuses the walk knows its gaps. */
  refused: string[];
}

/**
 * Walks `root` as walkFiles does and stats each file (following a link; a dangling one, or a
 * link to a folder, is left out). A build makes one of its content folder and hands it to both
 * the stamp and the sync, which walked and stat-ed the same 4,000 posts twice (30 ms).
 */
export function statTree(root: string, keep: (rel: string) => boolean): StatTree {
  const refused: string[] = [];
  const files: StatRow[] = [];
  for (const { abs, rel } of walkFiles(root, keep, (dir) => refused.push(dir))) {
    const info = statFile(abs);
    if (info?.isFile()) files.push({ abs, rel, size: info.size, mtimeMs: info.mtimeMs });
  }
  return { root, files, refused };
}

/** A file's stat, or undefined when it is gone (deleted since its folder was read, or dangling). */
export function statFile(abs: string) {
  try {
    return statSync(abs, { throwIfNoEntry: false });
  } catch (err) {
    throw asFault(err, 'reading the file', abs) ?? err;
  }
}

function readFolder(abs: string): Dirent[] {
  try {
    return readdirSync(abs, { withFileTypes: true });
  } catch (err) {
    const { code } = err as NodeJS.ErrnoException;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw asFault(err, 'reading the folder', abs) ?? err;
  }
}

/** Refuses dotfiles and dot-folders: a writer's private files (.git, .DS_Store, swap files). */
export const noDotSegment = (rel: string): boolean => !/(^|\/)\./.test(rel);

/**
 * Refuses the folders of version control and of npm, which no site publishes or reads and
 * which change on their own (a fetch, an install): a tree's signature leaves them out.
 */
export const notTooling = (rel: string): boolean =>
  !/(^|\/)(\.git|\.hg|\.svn|node_modules)\/$/.test(rel);

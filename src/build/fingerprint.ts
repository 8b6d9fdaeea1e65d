// What a build's output depends on besides the content, as one hash: when it differs, everything is made again.

import { hashOf } from '../hash.js';
import type { Site } from '../site/site.js';
import { notTooling, type StatTree, statTree } from '../walk.js';

/**
 * Names, sizes and mtimes of every file under `dirs` that `keep` accepts (by default all but a
 * .git or node_modules; a link counts as the file it points to): templates, static files,
 * media. Read synchronously, as dest/ is (dest.ts): a build waits for it either way.
 */
export function treeSignature(
  dirs: string[],
  keep: (rel: string) => boolean = notTooling,
): string[] {
  return signatureOf(dirs.map((dir) => statTree(dir, keep)));
}

/** treeSignature of trees already walked. */
export function signatureOf(trees: StatTree[]): string[] {
  const rows: string[] = [];
  for (const { files } of trees) {
    for (const { abs, size, mtimeMs } of files) rows.push(`${abs}\u0000${size}\u0000${mtimeMs}`);
  }
  return rows.sort();
}

/**
 * Which posts may show (--drafts, --future), the config, the theme and media trees, the parser
 * and where the build writes: when any differs, every page is made again. The content is not in
 * it: its changes are followed page by page (changes.ts), as is a scheduled post coming due.
 */
export async function buildFingerprint(
  site: Site,
  trees: string[],
  destDir: string,
): Promise<string> {
  // The parse fingerprint carries pugo's version: a new pugo renders everything again.
  const parser = await site.store.getMeta<string>('parseFingerprint');
  const { visibility, config } = site;
  return hashOf([parser, destDir, config, visibility, treeSignature(trees)]);
}

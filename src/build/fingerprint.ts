// What a build's output depends on besides the content, as one hash: when it differs, everything is made again.

import { statSync } from 'node:fs';
import { hashOf } from '../hash.js';
import type { Site } from '../site/site.js';
import { listFiles } from './dest.js';

/**
 * Names, sizes and mtimes of every file under `dirs`: templates, static files, media. Read
 * synchronously, as dest/ is (dest.ts): a build waits for it either way.
 */
function treeSignature(dirs: string[]): string[] {
  const rows: string[] = [];
  for (const dir of dirs) {
    for (const file of listFiles(dir, () => true)) {
      const info = statSync(file);
      rows.push(`${file}\u0000${info.size}\u0000${info.mtimeMs}`);
    }
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

// What a build's output depends on, as one hash: when it matches the last build's, nothing is rendered.

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Site } from '../site/site.js';
import { hashOf } from '../store/hash.js';

/** Names, sizes and mtimes of every file under `dirs`: templates, static files, media. */
async function treeSignature(dirs: string[]): Promise<string[]> {
  const rows: string[] = [];
  for (const dir of dirs) {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
    for (const e of entries) {
      if (!e.isFile()) continue;
      const file = join(e.parentPath, e.name);
      const info = await stat(file);
      rows.push(`${file}\u0000${info.size}\u0000${info.mtimeMs}`);
    }
  }
  return rows.sort();
}

/**
 * Content (every file's hash), which posts may show (--drafts, --future), the config, the
 * theme and media trees, and where the build writes. A scheduled post coming due is not in it:
 * the build remembers when the next one is due and renders again from then on.
 */
export async function buildFingerprint(
  site: Site,
  trees: string[],
  destDir: string,
): Promise<string> {
  const files = [...(await site.store.files())].map(([id, rec]) => [id, rec.hash]);
  // The parse fingerprint carries pugo's version: a new pugo renders everything again.
  const parser = await site.store.getMeta<string>('parseFingerprint');
  const { visibility, config } = site;
  return hashOf([parser, destDir, config, files, visibility, await treeSignature(trees)]);
}

// Where the repository and its sibling shared/ folder are, found from this file, never hard-coded.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder above this module that holds package.json (works from test/tools/ and dist/). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('no package.json above test/tools/: run from the pugo repo');
    dir = parent;
  }
  return dir;
}

/** `../shared` beside the repo: CI clones the repo with shared/ next to it. */
export function sharedDir(root = repoRoot()): string {
  return resolve(root, '..', 'shared');
}

/** The schemas folder: the --schemas flag when given, else ../shared/schemas. */
export function schemasDir(flag: string | undefined, root = repoRoot()): string {
  return flag ? resolve(flag) : join(sharedDir(root), 'schemas');
}

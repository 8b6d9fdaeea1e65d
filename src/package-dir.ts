// pugo's own folder: its version and the themes it ships. Node built-ins only, so a command
// that needs no more (version, a build with nothing to do) loads nothing else.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** pugo's own folder (holding package.json and themes/), from dist/src/package-dir.js. */
export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function pugoVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(PACKAGE_DIR, 'package.json'), 'utf8'));
  return pkg.version as string;
}

/** A theme given by name or path: relative to the current folder first, then pugo's own themes/. */
export function resolveTheme(theme: string): string {
  const local = resolve(theme);
  if (existsSync(local)) return local;
  const own = join(PACKAGE_DIR, 'themes', theme.replace(/^themes[\\/]/, ''));
  return existsSync(own) ? own : local;
}

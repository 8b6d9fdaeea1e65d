// Which Pugo a site folder was written for: 0.10's meta.toml (or meta.ini) and post/, or the 2022
// version's config.toml and content/posts/.

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PugoError } from '../errors.js';
import type { SiteLayout } from './site-config.js';

export interface DetectedLayout {
  name: SiteLayout['name'];
  configFile: string;
}

const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();

/**
 * meta.toml first: a 0.10 site that also holds a config.toml (for another tool) stays a 0.10
 * site. meta.ini is 0.10's older form, read when there is no meta.toml (as Pugo 0.10 did). A
 * config.toml counts as the 2022 layout only beside content/, so a stray one is not taken.
 */
export function detectLayout(dir: string): DetectedLayout {
  if (existsSync(join(dir, 'meta.toml'))) return { name: 'pugo-0.10', configFile: 'meta.toml' };
  if (existsSync(join(dir, 'meta.ini'))) return { name: 'pugo-0.10', configFile: 'meta.ini' };
  if (existsSync(join(dir, 'config.toml')) && isDir(join(dir, 'content'))) {
    return { name: 'pugo-2022', configFile: 'config.toml' };
  }
  const message =
    'no meta.toml (or meta.ini), nor config.toml beside content/: is this a Pugo site folder?';
  throw new PugoError('PUGO_CONFIG_MISSING', message, { file: join(dir, 'meta.toml') });
}

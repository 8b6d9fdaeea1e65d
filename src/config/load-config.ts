// A site folder's settings → a frozen, validated SiteConfig: the layout is detected, then read by
// its own reader (Pugo 0.10's meta.toml or meta.ini, Pugo 2022's config.toml), plus pugo's own.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadLang } from '../content/lang.js';
import { readToml } from '../content/toml.js';
import { PugoError } from '../errors.js';
import type { ContentProblem } from '../types.js';
import { DEFAULTS } from './defaults.js';
import { detectLayout } from './detect-layout.js';
import { type Table, TableReader } from './fields.js';
import { metaIniTables } from './meta-ini.js';
import { readPugo010 } from './read-pugo-010.js';
import { readPugo2022 } from './read-pugo-2022.js';
import type { SiteConfig } from './site-config.js';

/** A site's settings, and what was wrong in the files they came from (each a warning). */
export interface LoadedConfig {
  config: SiteConfig;
  problems: ContentProblem[];
}

/** Reads the settings file of `contentDir` (the site folder) and its lang/*.toml. */
export async function loadConfig(contentDir: string): Promise<LoadedConfig> {
  const { name, configFile } = detectLayout(contentDir);
  const file = join(contentDir, configFile);
  const text = await readSettingsFile(file, configFile);
  const table = configFile.endsWith('.ini') ? metaIniTables(text, file) : parseToml(text, file);
  const root = new TableReader(table, file, '');
  const layoutPart =
    name === 'pugo-2022' ? readPugo2022(table, file, configFile) : readPugo010(root, configFile);
  const { langs, problems } = await loadLang(contentDir);
  const config: SiteConfig = {
    ...layoutPart,
    server: readServer(root.section('server')),
    debug: readDebug(root.section('debug')),
    lang: langs,
  };
  return { config: deepFreeze(config), problems };
}

async function readSettingsFile(file: string, name: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new PugoError('PUGO_CONFIG_MISSING', `cannot read ${name}`, { file, cause });
  }
}

export function parseToml(text: string, file: string): Table {
  return readToml(text, { file, code: 'PUGO_CONFIG_INVALID' });
}

function readServer(t: TableReader): SiteConfig['server'] {
  return {
    host: t.str('host', DEFAULTS.host),
    port: t.int('port', DEFAULTS.port, 0, 65535),
    poolSize: t.int('pool_size', DEFAULTS.poolSize, 0, 10000),
    cacheBytes: t.int('cache_bytes', DEFAULTS.cacheBytes, 0),
    csp: t.optStr('csp'),
  };
}

/** [debug] as an empty section reads: every default (tests and benchmarks start from it). */
export function debugDefaults(): SiteConfig['debug'] {
  return readDebug(new TableReader({}, 'meta.toml', ''));
}

function readDebug(t: TableReader): SiteConfig['debug'] {
  return {
    enabled: t.bool('enabled'),
    host: t.str('host', DEFAULTS.debugHost),
    port: t.int('port', DEFAULTS.debugPort, 0, 65535),
    token: t.str('token'),
    snapshotMaxHeap: t.int('snapshot_max_heap', DEFAULTS.snapshotMaxHeap, 0),
    sampleSeconds: t.int('sample_seconds', DEFAULTS.sampleSeconds, 1, 3600),
    watchWindowSeconds: t.int('watch_window_seconds', DEFAULTS.watchWindowSeconds, 10, 7 * 86400),
    nearLimitDir: t.str('near_limit_dir'),
    maxProfileSeconds: t.int('max_profile_seconds', DEFAULTS.maxProfileSeconds, 1, 3600),
    maxWaitingProfiles: t.int('max_waiting_profiles', DEFAULTS.maxWaitingProfiles, 1, 64),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// The composition root: options → config → store → theme → site, wired once for every command.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULTS } from './config/defaults.js';
import { loadConfig } from './config/load-config.js';
import type { SiteConfig } from './config/site-config.js';
import type { ParseContext } from './content/parse-entry.js';
import type { ParseSettings } from './content/parse-many.js';
import type { Logger } from './log.js';
import { loadTheme } from './render/theme.js';
import { ViewFactory } from './render/view-models.js';
import type { StaticRoot } from './server/static-files.js';
import { Site } from './site/site.js';
import { hashOf } from './store/hash.js';
import { LevelStore } from './store/level-store.js';
import { type SyncResult, syncStore } from './store/sync.js';

/** pugo's own folder (holding package.json and themes/), from dist/src/compose.js. */
export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface PugoOptions {
  contentDir: string;
  themeDir: string;
  storeDir: string;
  drafts: boolean;
  future: boolean;
  log: Logger;
  now?: () => number;
}

export interface OpenSite {
  site: Site;
  config: SiteConfig;
  store: LevelStore;
  contentDir: string;
  /** Theme static files at the root, content media at /media/. */
  staticRoots: StaticRoot[];
  /**
   * Brings the store in line with the content folder and reads the site's lists again;
   * `{ load: false }` leaves that read to whoever needs a snapshot first (the build skips it
   * when nothing changed).
   */
  sync(options?: { load?: boolean }): Promise<SyncResult>;
  close(): Promise<void>;
}

/** A theme given by name or path: relative to the current folder first, then pugo's own themes/. */
export function resolveTheme(theme: string): string {
  const local = resolve(theme);
  if (existsSync(local)) return local;
  const own = join(PACKAGE_DIR, 'themes', theme.replace(/^themes[\\/]/, ''));
  return existsSync(own) ? own : local;
}

export async function pugoVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(PACKAGE_DIR, 'package.json'), 'utf8'));
  return pkg.version as string;
}

export async function openSite(opts: PugoOptions): Promise<OpenSite> {
  const contentDir = resolve(opts.contentDir);
  const config = await loadConfig(contentDir);
  const theme = await loadTheme(resolveTheme(opts.themeDir));
  const store = await LevelStore.open(resolve(opts.storeDir), opts.log);
  const views = new ViewFactory(config);
  const visibility = { drafts: opts.drafts, future: opts.future };
  const site = new Site({ config, theme, store, views, visibility, now: opts.now });
  const settings: ParseSettings = {
    timezone: config.meta.timezone,
    authors: config.authors.map((a) => a.name),
    base: config.meta.base,
    maxFileBytes: DEFAULTS.maxFileBytes,
  };
  let ctx: ParseContext | null = null;
  const inline = async () => {
    ctx ??= (await import('./content/parse-many.js')).contextOf(settings);
    return ctx;
  };
  const fingerprint = hashOf([await pugoVersion(), settings]);
  return {
    site,
    config,
    store,
    contentDir,
    staticRoots: [
      { prefix: '/', dir: theme.staticDir },
      { prefix: '/media/', dir: join(contentDir, 'media') },
    ],
    async sync({ load = true } = {}) {
      const result = await syncStore(store, { contentDir, settings, inline, fingerprint });
      site.invalidate();
      if (load) await site.load();
      return result;
    },
    close: () => store.close(),
  };
}

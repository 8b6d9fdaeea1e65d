// The composition root: options → config → store → theme → site, wired once for every command.

import { dirname, join, resolve } from 'node:path';
import { DEFAULTS } from './config/defaults.js';
import { loadConfig } from './config/load-config.js';
import type { SiteConfig } from './config/site-config.js';
import type { ParseSettings } from './content/parse/jobs.js';
import type { ParseContext } from './content/parse-entry.js';
import { hashOf } from './hash.js';
import { ImageCatalog } from './images/catalog.js';
import { VariantCache } from './images/variants.js';
import type { Logger } from './log.js';
import { pugoVersion, resolveTheme } from './package-dir.js';
import { loadTheme, type Theme } from './render/theme.js';
import { ViewFactory } from './render/view-models.js';
import { SyncHealth } from './site/health.js';
import { measureImages } from './site/image-handler.js';
import type { StaticRoot } from './site/published.js';
import { Site } from './site/site.js';
import { LevelStore } from './store/level-store.js';
import { isCorruption } from './store/open-db.js';
import { type SyncResult, syncStore } from './store/sync.js';
import type { ContentProblem } from './types.js';
import type { StatTree } from './walk.js';

export interface PugoOptions {
  contentDir: string;
  themeDir: string;
  storeDir: string;
  drafts: boolean;
  future: boolean;
  log: Logger;
  now?: () => number;
}

export interface SyncCallOptions {
  /** Read the store's lists for a snapshot afterwards (default true). */
  load?: boolean;
  /** Parse on the main thread too (see parseMany): for a command that serves nothing. */
  shareMainThread?: boolean;
  /** The content folder as just walked (a build's listContent): not walked again. */
  listed?: StatTree;
}

export interface OpenSite {
  site: Site;
  /** meta.toml as last read (reload() reads it again). */
  readonly config: SiteConfig;
  store: LevelStore;
  /** Whether the site served is the content's latest (for /healthz and the dashboard). */
  health: SyncHealth;
  contentDir: string;
  /** The theme's folder (watched by serve). */
  themeDir: string;
  /** Theme static files at the root, then the layout's folders: media/ at /media/, or assets/ at /assets/. */
  staticRoots: StaticRoot[];
  /**
   * Brings the store in line with the content folder and reads the site's lists again;
   * `{ load: false }` leaves that read to whoever needs a snapshot first (the build skips it
   * when nothing changed).
   */
  sync(options?: SyncCallOptions): Promise<SyncResult>;
  /**
   * Reads meta.toml, the lang files and the theme again, then syncs (everything is parsed again
   * if a setting parsing depends on changed). On a bad file it throws and the site is unchanged.
   */
  reload(): Promise<SyncResult>;
  /**
   * Runs `work` (a build, a check) and, if a read finds the store's files damaged on the way,
   * moves the store aside, syncs a new one from content and runs `work` once more.
   */
  recovering<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Reads the images of media/ that changed since last time (every sync does too); a change
   * makes every page showing images anew. Returns the images that get no variants, as warnings.
   */
  refreshImages(): Promise<ContentProblem[]>;
  /**
   * For a server: makes and measures the variants of new images in the background, one run at
   * a time, then shows pages with their srcset (a build waits for this itself, in buildSite).
   */
  measureImagesLater(): void;
  close(): Promise<void>;
}

/** Variants kept on disk beside the store ([.pugo/images]), the oldest made dropped past it. */
const VARIANT_CACHE_BYTES = 512 * 1024 * 1024;

/** Everything read from meta.toml, lang/ and the theme, and what parsing depends on. */
interface Settings {
  config: SiteConfig;
  /** What was wrong in meta.toml's companions (a broken lang file): warnings, each sync. */
  problems: ContentProblem[];
  theme: Theme;
  views: ViewFactory;
  parse: ParseSettings;
  /** Changes whenever parse settings or pugo's version do: the store is then parsed again. */
  fingerprint: string;
}

async function readSettings(contentDir: string, themeDir: string): Promise<Settings> {
  const { config, problems } = await loadConfig(contentDir);
  const theme = await loadTheme(themeDir);
  const pugo2022 = config.layout.name === 'pugo-2022';
  const parse: ParseSettings = {
    timezone: config.meta.timezone,
    // Pugo 2022 said nothing of an author config.toml lacks (real sites name one it lacks).
    authors: pugo2022 ? null : config.authors.map((a) => a.name),
    base: config.meta.base,
    maxFileBytes: DEFAULTS.maxFileBytes,
    links: { post: config.links.post, page: config.links.page },
    postDir: config.layout.postDir,
    pageDir: config.layout.pageDir,
    pugo2022,
    markdown: config.build.markdown,
  };
  const fingerprint = hashOf([await pugoVersion(), parse]);
  return {
    config,
    problems,
    theme,
    views: new ViewFactory(config, theme.strings),
    parse,
    fingerprint,
  };
}

export async function openSite(opts: PugoOptions): Promise<OpenSite> {
  const contentDir = resolve(opts.contentDir);
  const themeDir = resolveTheme(opts.themeDir);
  let settings = await readSettings(contentDir, themeDir);
  const store = await LevelStore.open(resolve(opts.storeDir), opts.log);
  const visibility = { drafts: opts.drafts, future: opts.future };
  const site = new Site({ ...settings, store, visibility, now: opts.now });
  const catalog = new ImageCatalog(store, contentDir);
  const variantDir = join(dirname(resolve(opts.storeDir)), 'images');
  site.images = { catalog, variants: new VariantCache(variantDir, VARIANT_CACHE_BYTES) };
  settings.views.images = catalog;
  const refreshImages = async () => {
    const before = catalog.digest;
    const roots = settings.config.layout.staticDirs.map((root) => ({
      ...root,
      dir: join(contentDir, root.dir),
    }));
    const problems = await catalog.refresh(roots);
    if (catalog.digest !== before) site.imagesChanged();
    return problems;
  };
  let measuring: Promise<void> = Promise.resolve();
  let ctx: ParseContext | null = null;
  const inline = async () => {
    ctx ??= (await import('./content/parse/jobs.js')).contextOf(settings.parse);
    return ctx;
  };
  const syncOnce = async ({
    load = true,
    shareMainThread = false,
    listed,
  }: SyncCallOptions = {}) => {
    const { parse, fingerprint } = settings;
    const result = await syncStore(store, {
      contentDir,
      settings: parse,
      inline,
      shareMainThread,
      listed,
      fingerprint,
    });
    result.problems.unshift(...settings.problems);
    result.problems.push(...(await refreshImages()));
    site.invalidate();
    if (load) await site.load();
    return result;
  };
  /** Once: a store damaged again right after being made anew is not a thing to loop on. */
  const afterRecovery = async <T>(err: unknown, again: () => Promise<T>): Promise<T> => {
    if (!isCorruption(err)) throw err;
    await store.recover(err);
    site.invalidate();
    return again();
  };
  const health = new SyncHealth(opts.now);
  /** Every sync's outcome is the site's health: a failed one leaves the last snapshot served. */
  const watched = <T>(work: Promise<T>): Promise<T> =>
    work.then(
      (result) => {
        health.synced();
        return result;
      },
      (err) => {
        health.failed(err);
        throw err;
      },
    );
  const sync = (options: SyncCallOptions = {}) =>
    watched(syncOnce(options).catch((err) => afterRecovery(err, () => syncOnce(options))));
  return {
    site,
    get config() {
      return settings.config;
    },
    store,
    health,
    contentDir,
    themeDir,
    // The theme's at the root, then the layout's own folders (media/, or config.toml's assets/).
    get staticRoots() {
      return [
        { prefix: '/', dir: settings.theme.staticDir },
        ...settings.config.layout.staticDirs.map((root) => ({
          ...root,
          dir: join(contentDir, root.dir),
        })),
      ];
    },
    sync,
    recovering: (work) =>
      work().catch((err) =>
        afterRecovery(err, async () => {
          await syncOnce();
          return work();
        }),
      ),
    refreshImages,
    measureImagesLater() {
      measuring = measuring
        .then(() => measureImages(site))
        .then(
          () => {},
          (err) => opts.log.warn(`pugo: making the WebP copies of images failed: ${err}`),
        );
    },
    async reload() {
      settings = await watched(readSettings(contentDir, themeDir));
      settings.views.images = catalog;
      ctx = null;
      site.reconfigure(settings);
      return sync();
    },
    close: async () => {
      await measuring;
      await store.close();
    },
  };
}

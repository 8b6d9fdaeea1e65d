// pugo serve: sync the store, then serve the site live (and the debug listener when asked)
// until SIGINT or SIGTERM.

import { isAbsolute, relative, sep } from 'node:path';
import type { OpenSite } from '../compose.js';
import { DEFAULTS } from '../config/defaults.js';
import type { SiteConfig } from '../config/site-config.js';
import type { DebugSources } from '../debug/sources.js';
import { isPugoError } from '../errors.js';
import type { Logger } from '../log.js';
import { createApp, type PugoApp } from '../server/app.js';
import { type Listening, listen } from '../server/listen.js';
import { LiveReload } from '../server/live-reload.js';
import { watchFolders } from '../server/watch.js';
import { ROUTES } from '../site/routes.js';
import { parseFlags, portOf, SITE_FLAGS, usage } from './args.js';
import { openFromFlags, plural, reportProblems, shownPath } from './common.js';

const FLAGS = {
  ...SITE_FLAGS,
  host: { type: 'string' },
  port: { type: 'string' },
  debug: { type: 'boolean', default: false },
  log: { type: 'boolean', default: false },
  'no-watch': { type: 'boolean', default: false },
  'debug-host': { type: 'string' },
  'debug-port': { type: 'string' },
} as const;

export const SERVE_HELP = usage('serve', '[flags]', [
  'content',
  'theme',
  'store',
  'host',
  'port',
  'drafts',
  'future',
  'log',
  'no-watch',
  'debug',
  'debug-host',
  'debug-port',
  'help',
]);

type Values = ReturnType<typeof parseFlags<typeof FLAGS>>['values'];

/** [debug] from meta.toml, with the command line's flags over it. */
function debugConfig(config: SiteConfig, values: Values): SiteConfig['debug'] {
  return {
    ...config.debug,
    enabled: values.debug || config.debug.enabled,
    host: values['debug-host'] ?? config.debug.host,
    port: portOf(values['debug-port'], config.debug.port),
  };
}

/** The figures the debug listener reads; it gets no handle on the site itself. */
function sourcesOf(opened: OpenSite, served: PugoApp): DebugSources {
  return {
    pools: () => [...served.pools.values()].map((p) => p.stats()),
    requests: () => served.requests.snapshot(),
    store: () => opened.store.figures(),
    caches: () => [served.cache.figures()],
    site: () => {
      const snap = opened.site.snapshot();
      return { posts: snap.posts.length, pages: snap.pages.length, tags: snap.tags.size };
    },
    health: () => opened.health.view(),
    warmer: () => served.warmer?.figures() ?? null,
  };
}

async function startDebug(
  opened: OpenSite,
  served: PugoApp,
  config: SiteConfig['debug'],
  log: Logger,
): Promise<Listening> {
  // Loaded only with --debug: the profilers' native modules stay out of a plain serve.
  const { startDebugListener, DIST_DIR } = await import('../debug/listener.js');
  const running = await startDebugListener({
    config,
    sources: sourcesOf(opened, served),
    log,
    distDir: DIST_DIR,
    maxProfileSeconds: DEFAULTS.maxProfileSeconds,
  });
  log.info(
    `pugo debug listener on ${running.url}/debug/ (go tool pprof ${running.url}/debug/pprof/heap)`,
  );
  return running;
}

/** What a set of changed files asks for: a sync, settings and theme read again, or a reload only. */
type WatchAction = 'sync' | 'reload-settings' | 'reload-pages';

/** The settings files of both layouts (see config/detect-layout.ts). */
const SETTINGS_FILES = new Set(['meta.toml', 'meta.ini', 'config.toml']);

/** The settings file, lang/ and the theme (but its static files) are settings; the rest is content. */
export function actionFor(files: Set<string>, contentDir: string, themeDir: string): WatchAction {
  // A platform that does not name the file: read everything again.
  if (files.size === 0) return 'reload-settings';
  let action: WatchAction = 'reload-pages';
  for (const file of files) {
    const inTheme = relative(themeDir, file);
    if (!inTheme.startsWith('..') && !isAbsolute(inTheme)) {
      if (!inTheme.startsWith(`static${sep}`)) return 'reload-settings';
      continue;
    }
    const inContent = relative(contentDir, file);
    if (SETTINGS_FILES.has(inContent) || inContent.startsWith(`lang${sep}`))
      return 'reload-settings';
    action = 'sync';
  }
  return action;
}

/**
 * Watch mode: a saved post is synced (only what changed is parsed), an edited meta.toml, lang
 * file or template is read again, and open pages reload.
 */
function watchSite(opened: OpenSite, liveReload: LiveReload, log: Logger): () => void {
  const serverBefore = JSON.stringify([opened.config.server, opened.config.debug]);
  const settingsChanged = async () => {
    const result = await opened.reload();
    reportProblems(result.problems, opened.contentDir, log);
    log.info('pugo: settings and theme read again; reloading open pages');
    if (JSON.stringify([opened.config.server, opened.config.debug]) !== serverBefore)
      log.warn('pugo: [server] and [debug] settings take effect when pugo serve starts again');
    liveReload.reload();
  };
  const contentChanged = async () => {
    const result = await opened.sync();
    reportProblems(result.problems, opened.contentDir, log);
    if (result.changed.length === 0 && result.problems.length === 0) return;
    log.info(`pugo: ${plural(result.changed.length, 'file')} changed; reloading open pages`);
    liveReload.reload();
  };
  return watchFolders({
    dirs: [opened.contentDir, opened.themeDir],
    ignore: [opened.store.location],
    onChange: async (files) => {
      const action = actionFor(files, opened.contentDir, opened.themeDir);
      if (action === 'reload-settings') await settingsChanged();
      else if (action === 'sync') await contentChanged();
      else liveReload.reload();
    },
    // A bad meta.toml or template: the message names it, and the site goes on as it was.
    onError: (err) =>
      isPugoError(err)
        ? log.error(`${err.describe(shownPath)}; the site is served as it was`)
        : log.error('pugo: the change was not applied', err),
  });
}

export async function serveCommand(argv: string[], log: Logger): Promise<number> {
  const { values } = parseFlags('serve', argv, FLAGS);
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  const opened = await openFromFlags(values, log);
  const result = await opened.sync();
  reportProblems(result.problems, opened.contentDir, log);
  const { config, site } = opened;
  const liveReload = values['no-watch'] ? undefined : new LiveReload();
  const served = createApp({
    site,
    routes: ROUTES,
    staticRoots: opened.staticRoots,
    poolSize: config.server.poolSize,
    cacheBytes: config.server.cacheBytes,
    accessLog: values.log ? (line) => process.stderr.write(`${line}\n`) : undefined,
    liveReload,
    warm: true,
    health: opened.health,
    log,
  });
  const debug = debugConfig(config, values);
  const listeners: Listening[] = [];
  try {
    const host = values.host ?? config.server.host;
    listeners.push(await listen(served.app, host, portOf(values.port, config.server.port)));
    if (debug.enabled) listeners.push(await startDebug(opened, served, debug, log));
  } catch (err) {
    // Whatever did open is closed again, so the process can exit with the message.
    await Promise.all(listeners.map((l) => l.stop()));
    await opened.close();
    throw err;
  }
  // Watching before the banner: whoever waits for it may save a file at once.
  const unwatch = liveReload ? watchSite(opened, liveReload, log) : () => {};
  const snap = site.snapshot();
  // After the banner: pages are rendered into the cache in idle time, requests first.
  served.warmer?.schedule();
  log.info(
    `pugo serving ${listeners[0].url}/ (${plural(snap.posts.length, 'post')}, ${plural(snap.pages.length, 'page')}); Ctrl-C stops`,
  );
  await new Promise<void>((done) => {
    const stop = () => {
      log.info('pugo: stopping');
      served.warmer?.stop();
      unwatch();
      liveReload?.close();
      Promise.all(listeners.map((l) => l.stop()))
        .then(() => opened.close())
        .then(done, done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

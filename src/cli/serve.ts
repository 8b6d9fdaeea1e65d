// pugo serve: sync the store, then serve the site live (and the debug listener when asked)
// until SIGINT or SIGTERM.

import type { OpenSite } from '../compose.js';
import type { SiteConfig } from '../config/site-config.js';
import type { DebugSources } from '../debug/sources.js';
import { PugoError } from '../errors.js';
import type { Logger } from '../log.js';
import { createApp, type PugoApp } from '../server/app.js';
import { type Listening, listen } from '../server/listen.js';
import { LiveReload } from '../server/live-reload.js';
import { ROUTES } from '../site/routes.js';
import { parseFlags, portOf, SERVE_STORE_DIR, SITE_FLAGS, usage } from './args.js';
import { openFromFlags, plural, reportProblems } from './common.js';
import { leftOutNote } from './left-out.js';
import { watchSite } from './watch-site.js';

const FLAGS = {
  ...SITE_FLAGS,
  store: { type: 'string', default: SERVE_STORE_DIR },
  host: { type: 'string' },
  port: { type: 'string' },
  debug: { type: 'boolean', default: false },
  log: { type: 'boolean', default: false },
  'no-watch': { type: 'boolean', default: false },
  'debug-host': { type: 'string' },
  'debug-port': { type: 'string' },
  drill: { type: 'string' },
} as const;

export const SERVE_HELP = usage(
  'serve',
  '[flags]',
  [
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
    'drill',
    'help',
  ],
  {
    store: `LevelDB store folder (default ${SERVE_STORE_DIR}: not build's, so a build runs beside a serve)`,
  },
);

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
    maxProfileSeconds: config.maxProfileSeconds,
  });
  log.info(
    `pugo debug listener on ${running.url}/debug/ (go tool pprof ${running.url}/debug/pprof/heap)`,
  );
  return running;
}

/** The leak drills `--drill` knows: each reproduces a leak pugo's debug tools should find. */
const DRILLS = ['tango-pool'] as const;

/**
 * The drill's route, refused (before anything listens) without --debug, off loopback, or for a
 * drill pugo does not know; announced loudly, since it leaks on purpose.
 */
async function drillFor(
  name: string,
  debug: SiteConfig['debug'],
  host: string,
  site: OpenSite['site'],
  log: Logger,
) {
  if (!(DRILLS as readonly string[]).includes(name)) {
    throw new PugoError(
      'PUGO_USAGE',
      `--drill ${name}: no such drill; the drill is ${DRILLS.join(', ')}`,
    );
  }
  const { isLoopback } = await import('../debug/access.js');
  if (!debug.enabled || !isLoopback(host)) {
    throw new PugoError(
      'PUGO_DRILL_REFUSED',
      `--drill ${name} leaks memory on purpose: it needs --debug and a site on a loopback address (not ${host})`,
    );
  }
  const { DRILL_PATH, EAGER_BATCH, tangoDrill } = await import('../debug/leaks/tango-pool.js');
  log.warn(
    `pugo: LEAK DRILL ${name} IS ON: ${DRILL_PATH} keeps every request's handler, made ${EAGER_BATCH} at a time, as tango's pool did in 2015; for practice only (README: A leak to practise on)`,
  );
  return tangoDrill(() => site.snapshot().posts[0]?.title ?? site.config.meta.title);
}

export async function serveCommand(argv: string[], log: Logger): Promise<number> {
  const { values } = parseFlags('serve', argv, FLAGS);
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  const opened = await openFromFlags(values, log);
  const syncing = opened.sync();
  const liveReload = values['no-watch'] ? undefined : new LiveReload();
  // Watching starts beside the first sync, not after it: chokidar's first walk of the folders
  // took 3 s here for 10,000 files, time a restart need not add to the sync's.
  const watching = liveReload ? watchSite(opened, liveReload, log, syncing) : undefined;
  const result = await syncing.catch(async (err) => {
    await watching?.close();
    throw err;
  });
  reportProblems(result.problems, opened.contentDir, log);
  opened.measureImagesLater();
  const { config, site } = opened;
  const debug = debugConfig(config, values);
  const host = values.host ?? config.server.host;
  const drill =
    values.drill === undefined ? undefined : await drillFor(values.drill, debug, host, site, log);
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
    drill,
    log,
  });
  const listeners: Listening[] = [];
  try {
    listeners.push(await listen(served.app, host, portOf(values.port, config.server.port)));
    if (debug.enabled) listeners.push(await startDebug(opened, served, debug, log));
  } catch (err) {
    // Whatever did open is closed again, so the process can exit with the message.
    await Promise.all([watching?.close(), ...listeners.map((l) => l.stop())]);
    await opened.close();
    throw err;
  }
  // Watching before the banner: whoever waits for it may save a file at once.
  await watching?.ready;
  const snap = site.snapshot();
  // After the banner: pages are rendered into the cache in idle time, requests first.
  served.warmer?.schedule();
  log.info(
    `pugo serving ${listeners[0].url}/ (${plural(snap.posts.length, 'post')}, ${plural(snap.pages.length, 'page')}); Ctrl-C stops`,
  );
  const note = leftOutNote(site.leftOut());
  if (note) log.info(`pugo: ${note}`);
  await new Promise<void>((done) => {
    const stop = () => {
      log.info('pugo: stopping');
      served.warmer?.stop();
      liveReload?.close();
      Promise.all([watching?.close(), ...listeners.map((l) => l.stop())])
        .then(() => opened.close())
        .then(done, done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

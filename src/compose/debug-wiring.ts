// serve's debug wiring: the figures the debug listener reads, the listener, and the leak drills.

import type { OpenSite } from '../compose.js';
import type { SiteConfig } from '../config/site-config.js';
import type { DebugSources } from '../debug/sources.js';
import { PugoError } from '../errors.js';
import type { Logger } from '../log.js';
import type { PugoApp } from '../server/app.js';
import type { Listening } from '../server/listen.js';

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

export async function startDebug(
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
export async function drillFor(
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

// The debug listener: its own port (127.0.0.1:6060 by default), never the site's.

import { join } from 'node:path';
import { SourceMapper } from '@datadog/pprof';
import Router from '@koa/router';
import Koa from 'koa';
import type { SiteConfig } from '../config/site-config.js';
import type { Logger } from '../log.js';
import { type Listening, listen } from '../server/listen.js';
import { checkExposure, requireToken } from './access.js';
import { registerDashboard } from './dashboard/dashboard.js';
import type { DebugContext } from './debug-context.js';
import { registerDevtools } from './devtools/devtools.js';
import { SnapshotGuard } from './devtools/snapshot-guard.js';
import { registerLeaks } from './leaks/leak-report.js';
import { watchNearLimit } from './leaks/near-limit.js';
import { CpuProfiler } from './pprof/cpu-profiler.js';
import { goError } from './pprof/go-errors.js';
import { HeapSampler } from './pprof/heap-sampler.js';
import { registerPprof, registerUnknownProfiles } from './pprof/pprof-routes.js';
import { RuntimeStats } from './runtime-stats.js';
import type { DebugSources } from './sources.js';
import { registerVars } from './vars.js';
import { startMemoryWatch } from './watchdog/watchdog.js';

export interface DebugOptions {
  config: SiteConfig['debug'];
  sources: DebugSources;
  log: Logger;
  /** Compiled JavaScript with source maps, so profiles name the TypeScript files. */
  distDir: string;
  maxProfileSeconds: number;
}

export interface DebugListener extends Listening {
  context: DebugContext;
}

/** The debug app, built without listening: auth first, then Go's routes and pugo's own. */
export function createDebugApp(d: DebugContext, runtime: RuntimeStats): Koa {
  const router = new Router();
  registerPprof(router, d);
  registerVars(router, d, runtime);
  registerDevtools(router, d);
  registerLeaks(router, d);
  registerDashboard(router, d, runtime);
  registerUnknownProfiles(router);
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
      if (ctx.body === undefined && ctx.status === 404) goError(ctx, 404, '404 page not found');
    } catch (err) {
      d.log.error(`debug ${ctx.method} ${ctx.url} failed`, err);
      goError(ctx, 500, `internal error: ${(err as Error).message}`);
    }
  });
  app.use(requireToken(d.config.token));
  app.use(router.routes());
  return app;
}

/** Checks the address, starts the heap sampler, and opens the listener. */
export async function startDebugListener(opts: DebugOptions): Promise<DebugListener> {
  const { config, log } = opts;
  checkExposure(config.host, config.token);
  const sourceMapper = await SourceMapper.create([opts.distDir]).catch(() => undefined);
  const heap = new HeapSampler(sourceMapper);
  heap.start();
  if (config.nearLimitDir) watchNearLimit(config.nearLimitDir, log);
  const memory = startMemoryWatch({ config, heap, log });
  const context: DebugContext = {
    sources: opts.sources,
    heap,
    cpu: new CpuProfiler(sourceMapper),
    snapshots: new SnapshotGuard(config.snapshotMaxHeap),
    memory,
    config,
    log,
    maxProfileSeconds: opts.maxProfileSeconds,
    startedAt: new Date(),
    deltas: { waiting: 0, max: config.maxWaitingProfiles },
    gc: null,
  };
  const runtime = new RuntimeStats();
  const running = await listen(createDebugApp(context, runtime), config.host, config.port);
  return {
    ...running,
    context,
    async stop() {
      await running.stop();
      runtime.stop();
      memory.stop();
      heap.stop();
    },
  };
}

export const DIST_DIR = join(import.meta.dirname ?? '.', '..');

// /debug/vars: the process's memory, V8's heap and spaces, GC, event loop and pugo's own figures.

import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import type Router from '@koa/router';
import type { DebugContext } from './debug-context.js';
import { SAMPLE_INTERVAL_BYTES } from './pprof/heap-sampler.js';
import type { RuntimeStats } from './runtime-stats.js';

export function debugVars(d: DebugContext, runtime: RuntimeStats) {
  const { sources } = d;
  return {
    process: {
      pid: process.pid,
      node: process.version,
      uptimeSeconds: Math.round(process.uptime()),
      memory: process.memoryUsage(),
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    },
    v8: {
      heap: getHeapStatistics(),
      spaces: getHeapSpaceStatistics().map((s) => ({
        name: s.space_name,
        size: s.space_size,
        used: s.space_used_size,
        available: s.space_available_size,
        physical: s.physical_space_size,
      })),
    },
    gc: runtime.gc(),
    eventLoopDelayMs: runtime.eventLoop(),
    heapProfiler: { samplingIntervalBytes: SAMPLE_INTERVAL_BYTES, restarts: d.heap.restarts },
    // What the profile routes allow, and how much of it is in use now.
    profiles: {
      maxProfileSeconds: d.maxProfileSeconds,
      snapshotMaxHeap: d.config.snapshotMaxHeap,
      waitingDeltas: d.deltas.waiting,
      maxWaitingDeltas: d.deltas.max,
      cpuBusy: d.cpu.running,
    },
    pools: sources.pools(),
    caches: sources.caches(),
    store: sources.store(),
    requests: sources.requests(),
    site: sources.site(),
    health: sources.health(),
    warmer: sources.warmer(),
  };
}

export function registerVars(router: Router, d: DebugContext, runtime: RuntimeStats): void {
  router.get('/debug/vars', (ctx) => {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = `${JSON.stringify(debugVars(d, runtime), null, 2)}\n`;
  });
}

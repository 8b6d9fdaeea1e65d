// Everything the debug routes share: the samplers, the site's figures, the limits.

import type { SiteConfig } from '../config/site-config.js';
import type { Logger } from '../log.js';
import type { SnapshotGuard } from './devtools/snapshot-guard.js';
import type { CpuProfiler } from './pprof/cpu-profiler.js';
import type { HeapSampler } from './pprof/heap-sampler.js';
import type { DebugSources } from './sources.js';
import type { MemoryWatch } from './watchdog/watchdog.js';

export interface DebugContext {
  sources: DebugSources;
  heap: HeapSampler;
  cpu: CpuProfiler;
  /** Heap snapshots, one at a time (/debug/pprof/heapsnapshot, /debug/leaks). */
  snapshots: SnapshotGuard;
  /** Memory history for the dashboard, and the leak watchdog judging it. */
  memory: MemoryWatch;
  config: SiteConfig['debug'];
  log: Logger;
  /** Longest CPU or delta profile a request may ask for (s). */
  maxProfileSeconds: number;
  startedAt: Date;
  /**
   * Heap profiles with `seconds` waiting now, each holding a base profile for its N seconds,
   * and how many may wait at once (a client that leaves lets go of its own at once).
   */
  deltas: { waiting: number; max: number };
  /** V8's gc(), exposed on the first `?gc=1` (as Go's heap profile runs a GC first). */
  gc: (() => void) | null;
}

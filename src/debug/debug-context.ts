// Everything the debug routes share: the samplers, the site's figures, the limits.

import type { SiteConfig } from '../config/site-config.js';
import type { Logger } from '../log.js';
import type { CpuProfiler } from './cpu-profiler.js';
import type { HeapSampler } from './heap-sampler.js';
import type { DebugSources } from './sources.js';

export interface DebugContext {
  sources: DebugSources;
  heap: HeapSampler;
  cpu: CpuProfiler;
  config: SiteConfig['debug'];
  log: Logger;
  /** Longest CPU or delta profile a request may ask for (s). */
  maxProfileSeconds: number;
  startedAt: Date;
}

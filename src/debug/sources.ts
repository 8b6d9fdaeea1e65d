// What the debug listener may read of the running site: figures only, never a handle to change it.

import type { WarmerFigures } from '../server/cache-warmer.js';
import type { CacheFigures } from '../server/render-cache.js';
import type { RequestFigures } from '../server/request-stats.js';
import type { PoolFigures } from '../site/handler-pool.js';
import type { HealthView } from '../site/health.js';
import type { StoreFigures } from '../store/store.js';

export type { CacheFigures };

export interface DebugSources {
  pools(): PoolFigures[];
  requests(): RequestFigures;
  store(): StoreFigures;
  caches(): CacheFigures[];
  site(): { posts: number; pages: number; tags: number };
  /** Whether the site served is the content's latest, as /healthz says. */
  health(): HealthView;
  /** Cache warming after start and after changes; null when it is off. */
  warmer(): WarmerFigures | null;
}

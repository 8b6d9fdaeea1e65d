// What the debug listener may read of the running site: figures only, never a handle to change it.

import type { PoolFigures } from '../server/handler-pool.js';
import type { CacheFigures } from '../server/render-cache.js';
import type { RequestFigures } from '../server/request-stats.js';
import type { StoreFigures } from '../store/store.js';

export type { CacheFigures };

export interface DebugSources {
  pools(): PoolFigures[];
  requests(): RequestFigures;
  store(): StoreFigures;
  caches(): CacheFigures[];
  site(): { posts: number; pages: number; tags: number };
}

// What the debug listener may read of the running site: figures only, never a handle to change it.

import type { PoolFigures } from '../server/handler-pool.js';
import type { RequestFigures } from '../server/request-stats.js';
import type { StoreFigures } from '../store/store.js';

/** A bounded cache's figures (the render cache reports these). */
export interface CacheFigures {
  name: string;
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  evictions: number;
}

export interface DebugSources {
  pools(): PoolFigures[];
  requests(): RequestFigures;
  store(): StoreFigures;
  caches(): CacheFigures[];
  site(): { posts: number; pages: number; tags: number };
}

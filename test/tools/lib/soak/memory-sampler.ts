// The server's memory as its debug listener reports it: RSS and V8's used heap from /debug/vars,
// read once a second while the soak runs, and the heap after full GCs from its own history.

import { setTimeout as sleep } from 'node:timers/promises';
import type { MemorySample } from '../../../../src/debug/watchdog/memory-history.js';
import type { CacheFigures } from '../../../../src/server/render-cache.js';
import type { RequestFigures } from '../../../../src/server/request-stats.js';

export interface MemoryPoint {
  /** performance.now() of this process when the answer came. */
  t: number;
  rss: number;
  heapUsed: number;
  /** What V8 has committed for its heap: part of RSS, and it grows when V8 raises its limits. */
  heapTotal: number;
}

/** The part of /debug/vars the soak reads (src/debug/vars.ts). */
export interface ServerVars {
  process: { memory: NodeJS.MemoryUsage };
  requests: RequestFigures;
  caches: CacheFigures[];
}

const INTERVAL_MS = 1000;
/** A listener slower than this is as good as gone: the sample is counted missed. */
const FETCH_TIMEOUT_MS = 5000;

async function getJson<T>(debugUrl: string, path: string): Promise<T> {
  const res = await fetch(`${debugUrl}${path}`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return (await res.json()) as T;
}

export function fetchVars(debugUrl: string): Promise<ServerVars> {
  return getJson<ServerVars>(debugUrl, '/debug/vars');
}

/**
 * V8's used heap right after a full GC, from the server's own history (one figure per
 * [debug] sample_seconds period that had one): the live heap, without the garbage a per-second
 * heapUsed also counts. `t` is moved onto this process's performance.now() clock.
 */
export async function fetchHeapAfterGc(debugUrl: string): Promise<MemoryPoint[]> {
  const { samples } = await getJson<{ samples: MemorySample[] }>(debugUrl, '/debug/history.json');
  return samples.flatMap(({ t, rss, heapTotal, heapAfterGc }) =>
    heapAfterGc === undefined
      ? []
      : [{ t: t - performance.timeOrigin, rss, heapUsed: heapAfterGc, heapTotal }],
  );
}

export interface Sampling {
  /** Ends the sampling (within a second) and returns every point taken and how many failed. */
  stop(): Promise<{ points: MemoryPoint[]; missed: number }>;
}

/** Samples every second, one read at a time, calling `onPoint` with each. */
export function sampleMemory(debugUrl: string, onPoint: (point: MemoryPoint) => void): Sampling {
  const points: MemoryPoint[] = [];
  let missed = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const { memory } = (await fetchVars(debugUrl)).process;
        const { rss, heapUsed, heapTotal } = memory;
        const point = { t: performance.now(), rss, heapUsed, heapTotal };
        points.push(point);
        onPoint(point);
      } catch {
        missed++;
      }
      await sleep(Math.max(0, INTERVAL_MS - (performance.now() - started)));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { points, missed };
    },
  };
}

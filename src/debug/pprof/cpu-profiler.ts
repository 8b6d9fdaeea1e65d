// The CPU profile: V8's sampling CPU profiler through @datadog/pprof, one at a time.

import { type SourceMapper, time } from '@datadog/pprof';
import { setRouteLabeler } from '../../server/route-label.js';
import { waitUnlessGone } from '../client-gone.js';
import type { Profile } from './heap-sampler.js';

/** 1 ms between samples: 10 times Go's default rate, still well under 1% of a core. */
export const INTERVAL_MICROS = 1000;

export class CpuProfiler {
  private busy = false;

  constructor(private readonly sourceMapper?: SourceMapper) {}

  get running(): boolean {
    return this.busy;
  }

  /**
   * Samples the process for `seconds`, or until `gone` aborts (the client left: the profiler
   * stops then, not at the end); null when another CPU profile is already running.
   */
  profile(seconds: number, gone: AbortSignal): Promise<Profile | null> {
    return this.exclusive(async () => {
      // Each sample carries the route the server was working for (server/route-label.ts), as
      // Go's pprof.Do labels do: `go tool pprof -tagfocus route=post`, `-tags`.
      time.start({
        intervalMicros: INTERVAL_MICROS,
        sourceMapper: this.sourceMapper,
        withContexts: true,
      });
      const contexts = new Map<string, { route: string }>();
      const before = setRouteLabeler((route) => {
        if (!time.isStarted()) return;
        if (route === null) return time.setContext(undefined);
        const context = contexts.get(route) ?? { route };
        contexts.set(route, context);
        time.setContext(context);
      });
      const stop = () => {
        setRouteLabeler(before);
        return time.stop(false, routeLabels);
      };
      try {
        await waitUnlessGone(seconds, gone);
      } catch (err) {
        stop();
        throw err;
      }
      // Stopped either way; a profile for a client that left is dropped by the route.
      return stop();
    });
  }

  /**
   * Runs `take` holding the one CPU-profile lock, which the DevTools .cpuprofile shares: null
   * when another CPU profile (either kind) is already running.
   */
  async exclusive<T>(take: () => Promise<T>): Promise<T | null> {
    if (this.busy) return null;
    this.busy = true;
    try {
      return await take();
    } finally {
      this.busy = false;
    }
  }
}

/** A sample's labels: the route it was taken in, if any. */
function routeLabels({ context }: { context?: { context?: object } }): Record<string, string> {
  const route = (context?.context as { route?: string } | undefined)?.route;
  return route ? { route } : {};
}

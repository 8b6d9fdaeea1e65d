// The CPU profile: V8's sampling CPU profiler through @datadog/pprof, one at a time.

import { type SourceMapper, time } from '@datadog/pprof';
import { waitUnlessGone } from './client-gone.js';
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
      time.start({ intervalMicros: INTERVAL_MICROS, sourceMapper: this.sourceMapper });
      try {
        await waitUnlessGone(seconds, gone);
      } catch (err) {
        time.stop();
        throw err;
      }
      // Stopped either way; a profile for a client that left is dropped by the route.
      return time.stop();
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

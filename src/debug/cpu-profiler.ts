// The CPU profile: V8's sampling CPU profiler through @datadog/pprof, one at a time.

import { type SourceMapper, time } from '@datadog/pprof';
import type { Profile } from './heap-sampler.js';

/** 1 ms between samples: 10 times Go's default rate, still well under 1% of a core. */
export const INTERVAL_MICROS = 1000;

export class CpuProfiler {
  private busy = false;

  constructor(private readonly sourceMapper?: SourceMapper) {}

  get running(): boolean {
    return this.busy;
  }

  /** Samples the process for `seconds`; null when another CPU profile is already running. */
  profile(seconds: number): Promise<Profile | null> {
    return this.exclusive(() =>
      time.profile({
        durationMillis: seconds * 1000,
        intervalMicros: INTERVAL_MICROS,
        sourceMapper: this.sourceMapper,
      }),
    );
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

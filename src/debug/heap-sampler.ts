// The heap profile: V8's sampling heap profiler through @datadog/pprof, on from start.

import { heap, type SourceMapper } from '@datadog/pprof';

/** A pprof profile as @datadog/pprof makes it. */
export type Profile = ReturnType<typeof heap.profile>;

/**
 * Why @datadog/pprof and not node:inspector with pprof-format (DESIGN section 6, measured on
 * this kind of machine): its heap profile takes 1-3 ms with exact counts and no forced GC,
 * while the inspector's getSamplingProfile forced a full GC per fetch (0.3 s at a 220 MB heap).
 * It ships prebuilt binaries that load on Node 20, and maps names back through source maps.
 */
export const SAMPLE_INTERVAL_BYTES = 512 * 1024;
const STACK_DEPTH = 64;

export class HeapSampler {
  /** Times V8's sampler was found stopped (another inspector session stopped it) and restarted. */
  restarts = 0;

  constructor(private readonly sourceMapper?: SourceMapper) {}

  start(): void {
    heap.start(SAMPLE_INTERVAL_BYTES, STACK_DEPTH);
  }

  stop(): void {
    heap.stop();
  }

  /**
   * The in-use heap now. Buffer and ArrayBuffer memory lives outside V8's heap, where the
   * sampler cannot see it: @datadog/pprof adds it as one entry, EXTERNAL_FRAME, sized by
   * process.memoryUsage().external. Any inspector session's stopSampling stops the sampler for
   * everyone: then it is started again, and this profile only starts from now.
   */
  profile(): Profile {
    let profile: Profile;
    try {
      profile = heap.profile(undefined, this.sourceMapper);
    } catch {
      this.restarts++;
      this.start();
      profile = heap.profile(undefined, this.sourceMapper);
    }
    return profile;
  }
}

/** The entry @datadog/pprof adds for memory outside V8's heap. */
export const EXTERNAL_FRAME = '(external)';

// The heap profile: V8's sampling heap profiler through @datadog/pprof, on from start.

import { type AllocationProfileNode, heap, type SourceMapper } from '@datadog/pprof';

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
    return this.read(() => heap.profile(undefined, this.sourceMapper));
  }

  /**
   * V8's allocation tree as the sampler holds it (the DevTools .heapprofile is made from it),
   * restarted like profile() when another session stopped it. Started without allocation
   * mode, so each node's allocations are sizes and counts.
   */
  allocationTree(): AllocationProfileNode {
    return this.read(() => heap.v8Profile() as AllocationProfileNode);
  }

  /**
   * @datadog/pprof still counts itself started when V8's sampler was stopped under it, and its
   * start() throws while it does: so stop it first, then start it again.
   */
  private read<T>(take: () => T): T {
    try {
      return take();
    } catch {
      this.restarts++;
      heap.stop();
      this.start();
      return take();
    }
  }
}

/** The entry @datadog/pprof adds for memory outside V8's heap. */
export const EXTERNAL_FRAME = '(external)';

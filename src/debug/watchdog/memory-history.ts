// Memory over time: a fixed-size ring of samples taken every [debug] sampleSeconds.

import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

export interface MemorySample {
  /** When it was taken (ms since the epoch). */
  t: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** V8's used heap right after the last full GC of this period; absent when none ran. */
  heapAfterGc?: number;
}

/** An hour at the default 10 s; always room for one watchdog window, never more than 4,320. */
export function historyCapacity(sampleSeconds: number, windowSeconds: number): number {
  const window = Math.ceil(windowSeconds / Math.max(sampleSeconds, 0.001)) + 1;
  return Math.min(4320, Math.max(360, window));
}

/** Oldest sample first; when full, a new sample replaces the oldest. */
export class MemoryHistory {
  private readonly ring: MemorySample[] = [];
  private next = 0;

  constructor(readonly capacity = 360) {
    if (!(capacity >= 1)) throw new TypeError(`capacity must be at least 1, got ${capacity}`);
  }

  add(sample: MemorySample): void {
    if (this.ring.length < this.capacity) this.ring.push(sample);
    else this.ring[this.next] = sample;
    this.next = (this.next + 1) % this.capacity;
  }

  get size(): number {
    return this.ring.length;
  }

  /** A copy, oldest first. */
  samples(): MemorySample[] {
    if (this.ring.length < this.capacity) return [...this.ring];
    return [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }

  latest(): MemorySample | undefined {
    return this.ring.length === 0
      ? undefined
      : this.ring[(this.next - 1 + this.ring.length) % this.ring.length];
  }
}

/**
 * Heap after GC: V8 does not report the live heap, so each period keeps the used heap read right
 * after its last full (mark-sweep-compact) GC, in the observer callback for that GC. That runs a
 * tick after the GC, so it also counts what was allocated in between: noise next to the
 * watchdog's 4 MiB threshold. v8.GCProfiler gives the exact figure from inside the GC, but it
 * records every GC's heap spaces, and under load that cost 5-7% of requests per second
 * (npm run bench:serve, debug on over off: 0.93 with it, 0.99 without).
 * Not the lowest heapUsed of the period either: between full GCs it still counts old-space
 * garbage awaiting collection, and climbs under steady traffic until the next full GC (the
 * sawtooth the watchdog must not mistake for a leak). A period without a full GC says nothing
 * new about the live heap, so it has no figure.
 */
class FullGcHeap {
  private last: number | undefined;
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR)
        this.last = getHeapStatistics().used_heap_size;
    }
  });

  start(): void {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  stop(): void {
    this.observer.disconnect();
  }

  /** The figure after this period's last full GC, if there was one; the next period starts empty. */
  take(): number | undefined {
    const last = this.last;
    this.last = undefined;
    return last;
  }
}

export interface SamplerOptions {
  history: MemoryHistory;
  sampleSeconds: number;
  /** Called after each sample is kept (the watchdog judges here). */
  onSample?: (sample: MemorySample) => void;
  /** The clock, so a test can compress minutes into a loop. */
  now?: () => number;
  /** Calls `tick` every `ms` and returns how to stop; a test passes its own and ticks by hand. */
  schedule?: (tick: () => void, ms: number) => () => void;
}

/** The real schedule: an interval that never keeps the process alive. */
function everyMs(tick: () => void, ms: number): () => void {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
}

/** Takes a sample at start and every sampleSeconds after, until stopped. */
export class MemorySampler {
  private readonly gcs = new FullGcHeap();
  private cancel: (() => void) | undefined;

  constructor(private readonly opts: SamplerOptions) {
    if (!(opts.sampleSeconds > 0)) {
      throw new TypeError(`sampleSeconds must be positive, got ${opts.sampleSeconds}`);
    }
  }

  start(): void {
    if (this.cancel) return;
    this.gcs.start();
    const schedule = this.opts.schedule ?? everyMs;
    this.cancel = schedule(() => this.sampleNow(), this.opts.sampleSeconds * 1000);
    this.sampleNow();
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.gcs.stop();
  }

  /**
   * One sample: the process's memory now, and the heap after this period's last full GC.
   * Also called directly by tests, between start() and stop(), with their own clock.
   */
  sampleNow(): MemorySample {
    const m = process.memoryUsage();
    const heapAfterGc = this.gcs.take();
    const sample: MemorySample = {
      t: (this.opts.now ?? Date.now)(),
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      ...(heapAfterGc === undefined ? {} : { heapAfterGc }),
    };
    this.opts.history.add(sample);
    this.opts.onSample?.(sample);
    return sample;
  }
}

// GC counts and pauses, and event-loop delay: fixed-size counters, watched only while debugging.

import {
  constants,
  type IntervalHistogram,
  monitorEventLoopDelay,
  PerformanceObserver,
} from 'node:perf_hooks';

const KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

export interface GcFigures {
  count: number;
  pauseMsTotal: number;
  pauseMsMax: number;
  byKind: Record<string, { count: number; pauseMs: number }>;
}

export class RuntimeStats {
  private readonly gcFigures: GcFigures = { count: 0, pauseMsTotal: 0, pauseMsMax: 0, byKind: {} };
  private readonly observer: PerformanceObserver;
  private readonly loop: IntervalHistogram;

  constructor() {
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) this.countGc(entry);
    });
    this.observer.observe({ entryTypes: ['gc'] });
    this.loop = monitorEventLoopDelay({ resolution: 10 });
    this.loop.enable();
  }

  private countGc(entry: PerformanceEntry): void {
    const detail = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail;
    const kind = KINDS[detail?.kind ?? -1] ?? 'other';
    const g = this.gcFigures;
    g.count++;
    g.pauseMsTotal += entry.duration;
    g.pauseMsMax = Math.max(g.pauseMsMax, entry.duration);
    const k = g.byKind[kind] ?? { count: 0, pauseMs: 0 };
    k.count++;
    k.pauseMs += entry.duration;
    g.byKind[kind] = k;
  }

  gc(): GcFigures {
    return structuredClone(this.gcFigures);
  }

  /** Event-loop delay in ms since the listener started. */
  eventLoop(): { p50: number; p90: number; p99: number; max: number; mean: number } {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const h = this.loop;
    return {
      p50: ms(h.percentile(50)),
      p90: ms(h.percentile(90)),
      p99: ms(h.percentile(99)),
      max: ms(h.max),
      mean: ms(h.mean),
    };
  }

  stop(): void {
    this.observer.disconnect();
    this.loop.disable();
  }
}

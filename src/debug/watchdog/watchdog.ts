// The leak watchdog: when the heap after GC keeps growing over a window, one warning naming the
// functions that grew, and a base and a current heap profile for `go tool pprof -base`.

import type { SiteConfig } from '../../config/site-config.js';
import type { Logger } from '../../log.js';
import { formatBytes, formatSeconds, placeOf } from '../dashboard/dashboard-format.js';
import { type FunctionTotal, topGrowers } from '../dashboard/dashboard-sites.js';
import type { HeapSampler, Profile } from '../pprof/heap-sampler.js';
import {
  historyCapacity,
  MemoryHistory,
  type MemorySample,
  MemorySampler,
  type SamplerOptions,
} from './memory-history.js';

/** How long the leak report a warning links to watches (three snapshots: 0, 15 and 30 s). */
export const LEAK_REPORT_SECONDS = 30;
/**
 * What counts as a leak. A leak is many small rises, so every rule must hold: enough full-GC
 * readings across the window, a fitted growth of at least 4 MiB and 10% (after a full GC only
 * live objects count, so steady traffic wobbles far less), most steps rising (a warm-up is one
 * step), and the last third's lowest reading above the first third's highest (steady traffic
 * keeps coming back down to the same floor). Five readings, not more: at 50 requests a second
 * this server ran a full GC every minute or two, so a 10-minute window holds five to ten; with
 * five, noise alone rises in 3 of 4 steps one time in five, which the growth floor then stops.
 */
export interface GrowthRule {
  windowSeconds: number;
  minPoints: number;
  /** Share of the window the readings must span. */
  minSpan: number;
  minRisingSteps: number;
  minGrowthBytes: number;
  minGrowthRatio: number;
}

export const LEAK_RULE: Omit<GrowthRule, 'windowSeconds'> = {
  minPoints: 5,
  minSpan: 0.5,
  minRisingSteps: 2 / 3,
  minGrowthBytes: 4 * 1024 * 1024,
  minGrowthRatio: 0.1,
};

export interface Growth {
  growing: boolean;
  /** In words: why it is not a leak, or how it grew. */
  reason: string;
  points: number;
  /** The least-squares line through the readings, at the first and the last. */
  fromBytes: number;
  toBytes: number;
  spanSeconds: number;
  risingSteps: number;
}

type Point = { x: number; y: number };

/** The least-squares line through the points: a trend, where two readings could be noise. */
function fit(points: Point[]): (x: number) => number {
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return (x) => my + slope * (x - mx);
}

/** Which rule says no, or null when every rule says the heap after GC keeps growing. */
function refusal(points: Point[], g: Growth, rule: GrowthRule): string | null {
  const grown = g.toBytes - g.fromBytes;
  if (points.length < rule.minPoints) {
    const readings = points.length === 1 ? 'reading' : 'readings';
    return `${points.length} full-GC ${readings} in the window, ${rule.minPoints} needed`;
  }
  if (g.spanSeconds < rule.minSpan * rule.windowSeconds) {
    return `the readings span ${formatSeconds(g.spanSeconds)} of the ${formatSeconds(rule.windowSeconds)} window`;
  }
  if (grown < rule.minGrowthBytes || grown < rule.minGrowthRatio * g.fromBytes) {
    return `steady: ${formatBytes(grown)} over ${formatSeconds(g.spanSeconds)}`;
  }
  if (g.risingSteps < rule.minRisingSteps * (points.length - 1)) {
    return `a step, not a trend: rose in ${g.risingSteps} of ${points.length - 1} steps`;
  }
  const third = Math.max(1, Math.floor(points.length / 3));
  const firstHigh = Math.max(...points.slice(0, third).map((p) => p.y));
  const lastLow = Math.min(...points.slice(-third).map((p) => p.y));
  if (lastLow <= firstHigh) return 'it came back down to where the window started';
  return null;
}

/**
 * Judges the heap after GC over the window ending at `now`: a pure function of the samples,
 * so tests feed it a synthetic leak and a synthetic sawtooth instead of waiting minutes.
 */
export function judgeGrowth(samples: MemorySample[], now: number, rule: GrowthRule): Growth {
  const since = now - rule.windowSeconds * 1000;
  const points = samples
    .filter((s) => s.t >= since && s.t <= now && s.heapAfterGc !== undefined)
    .map((s) => ({ x: (s.t - since) / 1000, y: s.heapAfterGc ?? 0 }));
  const at = points.length > 0 ? fit(points) : () => 0;
  const [first, last] = [points[0]?.x ?? 0, points.at(-1)?.x ?? 0];
  const g: Growth = {
    growing: false,
    reason: '',
    points: points.length,
    fromBytes: at(first),
    toBytes: at(last),
    spanSeconds: last - first,
    risingSteps: points.filter((p, i) => i > 0 && p.y > points[i - 1].y).length,
  };
  const no = refusal(points, g, rule);
  if (no !== null) return { ...g, reason: no };
  const grown = g.toBytes - g.fromBytes;
  const percent = Math.round((100 * grown) / Math.max(g.fromBytes, 1));
  const reason = `the heap after GC grew ${formatBytes(grown)} (+${percent}%) over ${formatSeconds(g.spanSeconds)}, rising in ${g.risingSteps} of ${points.length - 1} steps`;
  return { ...g, growing: true, reason };
}

/** A heap profile and when it was taken. */
export type Kept = { t: number; profile: Profile };

export interface WatchWarning {
  at: number;
  message: string;
  growers: FunctionTotal[];
  baseAt: number;
  currentAt: number;
}

export interface WatchState {
  rule: GrowthRule;
  growing: boolean;
  /** The last judgement, or none before the first sample. */
  growth?: Growth;
  /** The last warning, kept after the heap recovers so the dashboard can still show it. */
  warning?: WatchWarning;
}

/** Warns once when the heap grows, again only after it recovered or a whole window later. */
export class Watchdog {
  /** Heap profiles taken every quarter window; the oldest is the base of the window. */
  private checkpoints: Kept[] = [];
  private base: Kept | undefined;
  private current: Kept | undefined;
  private growth: Growth | undefined;
  private warning: WatchWarning | undefined;

  constructor(
    private readonly heap: HeapSampler,
    private readonly log: Logger,
    readonly rule: GrowthRule,
  ) {}

  check(samples: MemorySample[], now: number): Growth {
    this.checkpoint(now);
    const growth = judgeGrowth(samples, now, this.rule);
    const wasGrowing = this.growth?.growing === true;
    this.growth = growth;
    if (!growth.growing) return growth;
    this.current = { t: now, profile: this.heap.profile() };
    const windowMs = this.rule.windowSeconds * 1000;
    if (!wasGrowing || !this.warning || now - this.warning.at >= windowMs) this.warn(now);
    else if (this.base) {
      this.warning.growers = topGrowers(this.base.profile, this.current.profile);
      this.warning.currentAt = now;
    }
    return growth;
  }

  private checkpoint(now: number): void {
    const windowMs = this.rule.windowSeconds * 1000;
    const last = this.checkpoints.at(-1);
    if (!last || now - last.t >= windowMs / 4) {
      this.checkpoints.push({ t: now, profile: this.heap.profile() });
    }
    while (this.checkpoints.length > 1 && this.checkpoints[1].t <= now - windowMs) {
      this.checkpoints.shift();
    }
  }

  private warn(now: number): void {
    const base = this.checkpoints[0];
    const current = this.current;
    if (!base || !current || !this.growth) return;
    this.base = base;
    const growers = topGrowers(base.profile, current.profile);
    const named = growers.map(
      (g) => `${g.name} (${placeOf(g.name, g.file, g.line)}) +${formatBytes(g.bytes)}`,
    );
    const message = `memory watchdog: ${this.growth.reason}; top growing: ${named.join(', ') || 'none in the heap profile (Buffers?)'}; what holds it: /debug/leaks?seconds=${LEAK_REPORT_SECONDS}; see /debug/ or go tool pprof -base /debug/pprof/watchdog-base /debug/pprof/watchdog-current`;
    this.log.warn(message);
    this.warning = { at: now, message, growers, baseAt: base.t, currentAt: current.t };
  }

  state(): WatchState {
    const { rule, growth, warning } = this;
    return { rule, growing: growth?.growing === true, growth, warning };
  }

  /** The warning's base, else the oldest profile of the window: something to diff against. */
  baseProfile(): Kept | undefined {
    return this.warning ? this.base : this.checkpoints[0];
  }

  /** The profile at the last growing check after a warning, else the heap now. */
  currentProfile(now = Date.now()): Kept {
    return this.warning && this.current ? this.current : { t: now, profile: this.heap.profile() };
  }
}

export interface MemoryWatch {
  history: MemoryHistory;
  sampler: MemorySampler;
  watchdog: Watchdog;
  sampleSeconds: number;
  stop(): void;
}

/** `now` and `schedule` are for tests: their clock, and their own ticks instead of a timer. */
export interface WatchOptions extends Pick<SamplerOptions, 'now' | 'schedule'> {
  config: Pick<SiteConfig['debug'], 'sampleSeconds' | 'watchWindowSeconds'>;
  heap: HeapSampler;
  log: Logger;
}

/** The history, its sampler and the watchdog, wired once; the first sample is taken now. */
export function startMemoryWatch({ config, heap, log, now, schedule }: WatchOptions): MemoryWatch {
  const { sampleSeconds, watchWindowSeconds } = config;
  const history = new MemoryHistory(historyCapacity(sampleSeconds, watchWindowSeconds));
  // A window longer than the history holds (over 4,320 samples) is judged on what it holds.
  const windowSeconds = Math.min(watchWindowSeconds, (history.capacity - 1) * sampleSeconds);
  const watchdog = new Watchdog(heap, log, { ...LEAK_RULE, windowSeconds });
  const onSample = (sample: MemorySample) => {
    try {
      watchdog.check(history.samples(), sample.t);
    } catch (err) {
      log.error('the memory watchdog failed', err);
    }
  };
  const sampler = new MemorySampler({ history, sampleSeconds, onSample, now, schedule });
  sampler.start();
  return { history, sampler, watchdog, sampleSeconds, stop: () => sampler.stop() };
}

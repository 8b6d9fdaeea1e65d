// The soak's report: memory after warm-up against the end, the answers by kind and status, and the
// verdict against the target.

import type { MemoryPoint, ServerVars } from './memory-sampler.js';
import type { Tally } from './tally.js';

/** Each figure is the lowest of this many one-second samples: when a GC ran does not decide it. */
const WINDOW = 5;
/** The target: RSS grows less than 10% from the end of warm-up to the end of the run. */
const MAX_GROWTH_PERCENT = 10;

interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
}

interface AfterGc {
  warm: number;
  end: number;
  /** When the last was taken, in seconds after warm-up: a figure long before the end is stale. */
  endSeconds: number;
  /** The server's sample periods that had a full GC, after warm-up. */
  periods: number;
}

export interface MemoryFigures {
  warm: Memory;
  end: Memory;
  peakRss: number;
  /** The heap after the first and the last full GC of the run proper; null with fewer than two. */
  heapAfterGc: AfterGc | null;
}

export interface SoakRun {
  posts: number;
  urls: number;
  requested: number;
  sent: number;
  concurrency: number;
  seconds: number;
  /** Requests sent before the warm-up ended; null when it never did. */
  warmupRequests: number | null;
  /** Why the soak stopped before sending every request; null when it did not. */
  stoppedEarly: string | null;
  memory: MemoryFigures | null;
  missedSamples: number;
  tally: Tally;
  /** The server's own figures, from /debug/vars after the last answer. */
  server: Pick<ServerVars, 'requests' | 'caches'> | null;
}

function lowest(points: MemoryPoint[]): Memory {
  return {
    rss: Math.min(...points.map((p) => p.rss)),
    heapUsed: Math.min(...points.map((p) => p.heapUsed)),
    heapTotal: Math.min(...points.map((p) => p.heapTotal)),
  };
}

function heapAfterGc(afterGc: MemoryPoint[], warmEndedAt: number): AfterGc | null {
  const [first, last] = [afterGc[0], afterGc.at(-1)];
  if (afterGc.length < 2 || !first || !last) return null;
  const endSeconds = (last.t - warmEndedAt) / 1000;
  return { warm: first.heapUsed, end: last.heapUsed, endSeconds, periods: afterGc.length };
}

/**
 * Memory as the run proper starts (after `warmEndedAt`) and as it ends, from the per-second
 * `points` and the server's `afterGc` history; null when nothing was sampled after warm-up.
 */
export function memoryFigures(
  points: MemoryPoint[],
  afterGc: MemoryPoint[],
  warmEndedAt: number | null,
): MemoryFigures | null {
  if (warmEndedAt === null) return null;
  const after = points.filter((p) => p.t >= warmEndedAt);
  if (after.length === 0) return null;
  return {
    warm: lowest(after.slice(0, WINDOW)),
    end: lowest(after.slice(-WINDOW)),
    peakRss: Math.max(...points.map((p) => p.rss)),
    heapAfterGc: heapAfterGc(
      afterGc.filter((p) => p.t >= warmEndedAt),
      warmEndedAt,
    ),
  };
}

export const count = (n: number): string => n.toLocaleString('en-US');
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
/** Growth in per cent to one decimal: the figure printed is the figure judged. */
const growthOf = (from: number, to: number): number => Math.round(((to - from) / from) * 1000) / 10;
const percent = (g: number): string => `${g >= 0 ? '+' : ''}${g.toFixed(1)}%`;
const counts = (map: Map<string, number>): string =>
  [...map].map(([key, n]) => `${key} ${count(n)}`).join(', ');

/** What keeps the run from passing; none means it passed. */
function failures(run: SoakRun): string[] {
  const reasons: string[] = [];
  if (run.stoppedEarly) {
    reasons.push(
      `${run.stoppedEarly} after ${count(run.sent)} of ${count(run.requested)} requests`,
    );
  }
  const m = run.memory;
  if (!m) reasons.push('no memory sample after warm-up');
  else if (growthOf(m.warm.rss, m.end.rss) >= MAX_GROWTH_PERCENT) {
    reasons.push(`RSS grew ${percent(growthOf(m.warm.rss, m.end.rss))}`);
  }
  if (run.tally.wrongTotal > 0) reasons.push(`${count(run.tally.wrongTotal)} unexpected answers`);
  return reasons;
}

const change = (label: string, from: number, to: number, note: string): string =>
  `${label} after warm-up ${mb(from)}, at the end ${mb(to)}: ` +
  `${percent(growthOf(from, to))} (${note})`;

/** The live heap, as the server's own history saw it; shown, not judged. */
function afterGcLine(g: AfterGc | null): string {
  if (!g) return 'heap after a full GC: fewer than two periods with one after warm-up';
  return (
    `heap after a full GC, first after warm-up ${mb(g.warm)}, last ${mb(g.end)} ` +
    `(${g.endSeconds.toFixed(0)} s after warm-up): ${percent(growthOf(g.warm, g.end))} ` +
    `(/debug/history.json, ${g.periods} periods with a full GC; shown, not judged)`
  );
}

function memoryLines(run: SoakRun): string[] {
  const m = run.memory;
  if (!m) return ['memory: no sample after warm-up'];
  const warmup = run.warmupRequests === null ? 'none' : `the first ${count(run.warmupRequests)}`;
  const { warm, end } = m;
  return [
    change('RSS', warm.rss, end.rss, `target < ${MAX_GROWTH_PERCENT}%; peak ${mb(m.peakRss)}`),
    change('heap used', warm.heapUsed, end.heapUsed, 'shown, not judged'),
    change('heap committed', warm.heapTotal, end.heapTotal, "V8's share of RSS; not judged"),
    afterGcLine(m.heapAfterGc),
    `(warm-up: ${warmup} requests; each figure the lowest of ${WINDOW} one-second samples ` +
      `of /debug/vars; ${count(run.missedSamples)} samples missed)`,
  ];
}

function answerLines(run: SoakRun): string[] {
  const { tally, server } = run;
  const w = tally.wrong;
  const lines = [
    `kinds: ${counts(tally.byKind)}`,
    `statuses: ${counts(new Map([...tally.byStatus].sort()))}`,
  ];
  if (server) {
    const { total, byStatus } = server.requests;
    lines.push(
      `server counted: ${count(total)} requests, ${counts(new Map(Object.entries(byStatus)))}`,
    );
    for (const c of server.caches) {
      lines.push(
        `${c.name} cache: ${count(c.entries)} entries, ${mb(c.bytes)} of ${mb(c.maxBytes)}, ` +
          `hits ${count(c.hits)}, misses ${count(c.misses)}, evictions ${count(c.evictions)}`,
      );
    }
  }
  lines.push(
    `unexpected answers: ${count(tally.wrongTotal)} (5xx ${count(w.serverErrors)}, ` +
      `connection errors ${count(w.connectionErrors)}, other statuses ${count(w.otherStatuses)})`,
    ...tally.examples.map((e) => `  ${e}`),
  );
  return lines;
}

/** The report's lines, the verdict last, and whether the soak passed. */
export function soakReport(run: SoakRun): { text: string; passed: boolean } {
  const rps = Math.round(run.tally.answered / run.seconds);
  const head =
    `soak: ${count(run.tally.answered)} requests to ${count(run.urls)} URLs of a ` +
    `${count(run.posts)}-post site, ${run.concurrency} in flight: ` +
    `${run.seconds.toFixed(1)} s, ${count(rps)} req/s`;
  const failed = failures(run);
  const verdict = failed.length === 0 ? 'soak: PASS' : `soak: FAIL (${failed.join('; ')})`;
  const text = [head, ...answerLines(run), ...memoryLines(run), verdict].join('\n');
  return { text, passed: failed.length === 0 };
}

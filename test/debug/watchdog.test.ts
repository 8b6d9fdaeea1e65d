// The leak watchdog: warns under a steady leak naming the leaking function, stays quiet under
// steady traffic, a sawtooth or a one-time step; judged on synthetic series and in-process.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HeapSampler } from '../../src/debug/pprof/heap-sampler.js';
import type { MemorySample } from '../../src/debug/watchdog/memory-history.js';
import { judgeGrowth, LEAK_RULE, startMemoryWatch } from '../../src/debug/watchdog/watchdog.js';
import { createMemoryLogger } from '../../src/log.js';

const MiB = 1024 * 1024;
const RULE = { ...LEAK_RULE, windowSeconds: 600 };

/** One sample every 10 s for the default 10-minute window, ending at t = 600 s. */
function series(after: (i: number) => number | undefined, used = after): MemorySample[] {
  return Array.from({ length: 61 }, (_, i) => {
    const heapAfterGc = after(i);
    const heapUsed = used(i) ?? 0;
    return {
      t: i * 10_000,
      rss: heapUsed + 60 * MiB,
      heapUsed,
      heapTotal: heapUsed + 8 * MiB,
      external: 2 * MiB,
      arrayBuffers: MiB,
      ...(heapAfterGc === undefined ? {} : { heapAfterGc }),
    };
  });
}

/** Deterministic noise of up to ±`size` bytes, so the series do not rise in perfect lines. */
const wobble = (i: number, size: number) => Math.round(Math.sin(i * 12.9898) * size);

test('a steadily growing heap after GC is a leak', () => {
  const samples = series((i) => 50 * MiB + i * 200 * 1024 + wobble(i, 100 * 1024));
  const g = judgeGrowth(samples, 600_000, RULE);
  assert.equal(g.growing, true, g.reason);
  assert.equal(g.points, 61);
  assert.ok(g.toBytes - g.fromBytes > 11 * MiB);
  assert.match(g.reason, /grew/);
});

test('steady traffic: heap used saws up and down, the heap after each full GC stays put', () => {
  // Garbage piles up 3 MiB a sample; every sixth sample a full GC takes it back to ~40 MiB.
  const used = (i: number) => 40 * MiB + (i % 6) * 3 * MiB;
  const after = (i: number) => (i % 6 === 0 ? 40 * MiB + wobble(i, 300 * 1024) : undefined);
  const g = judgeGrowth(series(after, used), 600_000, RULE);
  assert.equal(g.growing, false, g.reason);
  assert.equal(g.points, 11);
  assert.match(g.reason, /^steady/);
});

test('a sawtooth in the heap after GC itself (a cache filling and emptying) is not a leak', () => {
  const g = judgeGrowth(
    series((i) => 40 * MiB + (i % 8) * 1.5 * MiB),
    600_000,
    RULE,
  );
  assert.equal(g.growing, false, g.reason);
});

test('a one-time step (a cache warming up) is not a leak', () => {
  const g = judgeGrowth(
    series((i) => (i < 30 ? 30 * MiB : 60 * MiB) + wobble(i, 50 * 1024)),
    600_000,
    RULE,
  );
  assert.equal(g.growing, false, g.reason);
  assert.match(g.reason, /a step, not a trend/);
});

test('too few full-GC readings in the window say nothing', () => {
  const g = judgeGrowth(
    series((i) => (i % 20 === 0 ? 50 * MiB + i * MiB : undefined)),
    600_000,
    RULE,
  );
  assert.equal(g.growing, false);
  assert.equal(g.points, 4);
  assert.match(g.reason, /4 full-GC readings in the window, 5 needed/);
});

test('growth before the window does not count', () => {
  const samples = series((i) => (i < 30 ? 20 * MiB + i * MiB : 50 * MiB + wobble(i, 50 * 1024)));
  assert.equal(judgeGrowth(samples, 600_000, RULE).growing, true, 'over the whole series');
  const g = judgeGrowth(samples, 900_000, RULE);
  assert.equal(g.growing, false, g.reason);
  assert.equal(g.points, 31, 'only the last 10 minutes');
});

/** V8's full GC: a test compresses minutes into a loop, so it compresses V8's GCs too. */
async function fullGc(): Promise<void> {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  // The sampler reads the heap in the GC's observer callback, which runs a task later.
  await new Promise((done) => setTimeout(done, 5));
}

const leaked: { n: number; text: string }[] = [];

/** The leak the watchdog must name: it keeps everything it makes. */
function leakSteadily(count: number): void {
  for (let i = 0; i < count; i++) leaked.push({ n: i, text: `leaked item ${i}` });
}

/** Requests' garbage: made, used and dropped; plus a bounded cache that replaces its entries. */
const cache: string[] = [];
function steadyTraffic(count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const page = { n: i, html: `<p>page ${i}</p>` };
    sum += page.html.length;
    cache[i % 500] = page.html;
  }
  return sum;
}

/** A watchdog on the real heap profiler with a 6 s window, ticked by hand once a "second". */
function watch() {
  const heap = new HeapSampler();
  heap.start();
  const log = createMemoryLogger();
  let clock = 1_000_000;
  const memory = startMemoryWatch({
    config: { sampleSeconds: 1, watchWindowSeconds: 6 },
    heap,
    log,
    now: () => clock,
    schedule: () => () => {},
  });
  const tick = async () => {
    await fullGc();
    clock += 1000;
    memory.sampler.sampleNow();
  };
  const stop = () => {
    memory.stop();
    heap.stop();
  };
  return { memory, log, tick, stop };
}

const warningsIn = (lines: string[]) => lines.filter((l) => l.startsWith('warning:'));

test('in process: a steady leak gets one warning naming the leaking function', async (t) => {
  const w = watch();
  t.after(w.stop);
  let ticks = 0;
  while (warningsIn(w.log.lines).length === 0 && ticks < 12) {
    leakSteadily(40_000);
    await w.tick();
    ticks++;
  }
  // Still leaking for most of another window: no second warning until a whole window passed.
  for (let i = 0; i < 5; i++) {
    leakSteadily(40_000);
    await w.tick();
  }
  const warnings = warningsIn(w.log.lines);
  assert.equal(warnings.length, 1, `one warning, not one per sample: ${warnings.join('\n')}`);
  assert.match(warnings[0], /memory watchdog: the heap after GC grew/);
  assert.match(warnings[0], /top growing: leakSteadily \(.*watchdog\.test\.(ts|js):\d+\) \+/);
  const state = w.memory.watchdog.state();
  assert.equal(state.growing, true);
  assert.equal(state.warning?.growers[0]?.name, 'leakSteadily');
  assert.ok(w.memory.watchdog.baseProfile(), 'a base profile is kept');
  assert.ok(w.memory.watchdog.currentProfile().profile.sample.length > 0);
  leaked.length = 0;
});

test('in process: the watchdog warns again after the heap recovered and grows anew', async (t) => {
  const w = watch();
  t.after(w.stop);
  for (let i = 0; i < 8; i++) {
    leakSteadily(40_000);
    await w.tick();
  }
  assert.equal(warningsIn(w.log.lines).length, 1);
  leaked.length = 0;
  for (let i = 0; i < 4 && w.memory.watchdog.state().growing; i++) await w.tick();
  assert.equal(w.memory.watchdog.state().growing, false, 'recovered once the leak was let go');
  for (let i = 0; i < 10 && warningsIn(w.log.lines).length < 2; i++) {
    leakSteadily(40_000);
    await w.tick();
  }
  assert.equal(warningsIn(w.log.lines).length, 2);
  leaked.length = 0;
});

test('in process: steady traffic without a leak stays quiet', async (t) => {
  const w = watch();
  t.after(w.stop);
  for (let i = 0; i < 14; i++) {
    steadyTraffic(40_000);
    await w.tick();
  }
  assert.deepEqual(warningsIn(w.log.lines), []);
  const state = w.memory.watchdog.state();
  assert.equal(state.growing, false);
  assert.ok((state.growth?.points ?? 0) >= LEAK_RULE.minPoints, 'judged on enough readings');
  assert.equal(state.warning, undefined);
});

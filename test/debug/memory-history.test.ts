// Memory history: the ring stays bounded and in order, and the sampler reads the heap after GC.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  historyCapacity,
  MemoryHistory,
  type MemorySample,
  MemorySampler,
} from '../../src/debug/watchdog/memory-history.js';

function sample(t: number): MemorySample {
  return { t, rss: t, heapUsed: t, heapTotal: t, external: 0, arrayBuffers: 0 };
}

/** V8's full GC, as `node --expose-gc` would give it. */
async function fullGc(): Promise<void> {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  // The sampler reads the heap in the GC's observer callback, which runs a task later.
  await new Promise((done) => setTimeout(done, 5));
}

test('the history keeps the newest samples, oldest first, and never more than its capacity', () => {
  const history = new MemoryHistory(5);
  assert.deepEqual(history.samples(), []);
  assert.equal(history.latest(), undefined);
  for (let t = 1; t <= 12; t++) history.add(sample(t));
  assert.equal(history.size, 5);
  assert.deepEqual(
    history.samples().map((s) => s.t),
    [8, 9, 10, 11, 12],
  );
  assert.equal(history.latest()?.t, 12);
});

test('a history filled part way reads in the order it was filled', () => {
  const history = new MemoryHistory(4);
  for (let t = 1; t <= 3; t++) history.add(sample(t));
  assert.deepEqual(
    history.samples().map((s) => s.t),
    [1, 2, 3],
  );
});

test('the capacity holds an hour at 10 s, always a whole window, and is capped', () => {
  assert.equal(historyCapacity(10, 600), 360);
  assert.equal(historyCapacity(1, 3600), 3601);
  assert.equal(historyCapacity(0.5, 1e6), 4320);
  assert.throws(() => new MemoryHistory(0), TypeError);
});

/** A schedule a test ticks by hand, remembering whether the sampler cancelled it. */
function handSchedule() {
  const hand = { tick: () => {}, ms: 0, cancelled: false };
  const schedule = (fn: () => void, ms: number) => {
    Object.assign(hand, { tick: fn, ms });
    return () => {
      hand.cancelled = true;
    };
  };
  return { hand, schedule };
}

test('the sampler samples at start, on each tick and not after stop, with a full GC reading', async () => {
  const history = new MemoryHistory(10);
  const { hand, schedule } = handSchedule();
  let clock = 1_000;
  const seen: MemorySample[] = [];
  const onSample = (s: MemorySample) => seen.push(s);
  const sampler = new MemorySampler({
    history,
    sampleSeconds: 10,
    now: () => clock,
    onSample,
    schedule,
  });
  sampler.start();
  assert.equal(history.size, 1);
  assert.equal(hand.ms, 10_000);
  await fullGc();
  clock += 10_000;
  hand.tick();
  const last = history.latest();
  assert.equal(last?.t, 11_000);
  assert.ok((last?.heapAfterGc ?? 0) > 0, 'a full GC ran in the period, so it has a reading');
  assert.ok((last?.heapAfterGc ?? 0) <= process.memoryUsage().heapTotal);
  assert.equal(seen.length, 2);
  sampler.stop();
  assert.ok(hand.cancelled);
});

test('the sampler refuses a period that is not a positive number of seconds', () => {
  const history = new MemoryHistory(10);
  assert.throws(() => new MemorySampler({ history, sampleSeconds: 0 }), TypeError);
  assert.throws(() => new MemorySampler({ history, sampleSeconds: Number.NaN }), TypeError);
});

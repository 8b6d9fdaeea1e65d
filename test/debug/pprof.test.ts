// Go's pprof routes as we serve them, decoded with pprof-format: sample types, units, gzip.

import assert from 'node:assert/strict';
import { Session } from 'node:inspector/promises';
import { test } from 'node:test';
import { SAMPLE_INTERVAL_BYTES } from '../../src/debug/pprof/heap-sampler.js';
import { decodePprof, flat, get, sampleTypes, startDebug, str } from './helpers.js';

/** Kept alive across a profile so the sampler has something of ours to report. */
const keep: { rows: unknown[] } = { rows: [] };

/** About 6 MB in 60,000 small objects, allocated here (not in a callback) so it is the leaf. */
function allocateForPprofTest(): unknown[] {
  const rows: unknown[] = [];
  for (let i = 0; i < 60_000; i++) rows.push({ i, label: `row ${i}`, cells: [i, i + 1, i + 2] });
  return rows;
}

function spinForPprofTest(ms: number): number {
  const end = Date.now() + ms;
  let x = 0;
  while (Date.now() < end) x += Math.sqrt(x + 1);
  return x;
}

test('the heap profile is gzip around pprof: inuse_objects/count and inuse_space/bytes', async (t) => {
  const debug = await startDebug(t);
  keep.rows = allocateForPprofTest();
  const res = await get(`${debug.url}/debug/pprof/heap`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/octet-stream');
  assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="heap"/);
  const profile = decodePprof(res.body);
  assert.deepEqual(sampleTypes(profile), ['inuse_objects/count', 'inuse_space/bytes']);
  const period = profile.periodType;
  assert.equal(`${str(profile, period?.type)}/${str(profile, period?.unit)}`, 'inuse_space/bytes');
  assert.equal(Number(profile.period), SAMPLE_INTERVAL_BYTES);
  const names = flat(profile, 'inuse_space').map(([name]) => name);
  assert.ok(names.includes('allocateForPprofTest'), names.join(', '));
  assert.ok(names.includes('(external)'), 'Buffer memory is its own entry');
  keep.rows = [];
});

test('?gc=1 and ?debug=1: a collected profile, and the same profile as Go-shaped text', async (t) => {
  const debug = await startDebug(t);
  keep.rows = allocateForPprofTest();
  const collected = decodePprof((await get(`${debug.url}/debug/pprof/heap?gc=1`)).body);
  assert.deepEqual(sampleTypes(collected), ['inuse_objects/count', 'inuse_space/bytes']);
  const text = await get(`${debug.url}/debug/pprof/heap?debug=1`);
  assert.equal(text.status, 200);
  assert.match(text.headers.get('content-type') ?? '', /^text\/plain/);
  assert.match(
    text.text,
    new RegExp(`^heap profile: \\d+: \\d+ \\[\\d+: \\d+\\] @ heap/${SAMPLE_INTERVAL_BYTES}\\n`),
  );
  assert.match(text.text, /#\t0x[0-9a-f]+\tallocateForPprofTest\t/);
  assert.match(text.text, /# heapUsed = \d+/);
  keep.rows = [];
});

test('?seconds=1 is a delta: what was allocated and kept during that second', async (t) => {
  const debug = await startDebug(t);
  keep.rows = [];
  const pending = get(`${debug.url}/debug/pprof/heap?seconds=1`);
  await new Promise((done) => setTimeout(done, 200));
  keep.rows = allocateForPprofTest();
  const res = await pending;
  assert.equal(res.status, 200);
  const profile = decodePprof(res.body);
  assert.deepEqual(sampleTypes(profile), ['inuse_objects/count', 'inuse_space/bytes']);
  assert.equal(Number(profile.durationNanos), 1e9);
  const top = flat(profile, 'inuse_space').filter(([name]) => name !== '(external)');
  assert.ok(
    top.some(([name, bytes]) => name === 'allocateForPprofTest' && bytes > 0),
    top.slice(0, 5).join('; '),
  );
  keep.rows = [];
});

test('the CPU profile is gzip around pprof with wall time, and names a busy function', async (t) => {
  const debug = await startDebug(t);
  const pending = get(`${debug.url}/debug/pprof/profile?seconds=1`);
  await new Promise((done) => setTimeout(done, 100));
  spinForPprofTest(700);
  const res = await pending;
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition') ?? '', /filename="profile"/);
  const profile = decodePprof(res.body);
  const types = sampleTypes(profile);
  assert.ok(types.includes('sample/count'), types.join(', '));
  assert.ok(types.includes('wall/nanoseconds'), types.join(', '));
  assert.ok(Number(profile.durationNanos) > 0);
  const names = flat(profile, 'sample').map(([name]) => name);
  assert.ok(names.includes('spinForPprofTest'), names.slice(0, 10).join(', '));
});

test('cmdline is argv, NUL-separated, and the index lists every profile', async (t) => {
  const debug = await startDebug(t);
  const cmdline = await get(`${debug.url}/debug/pprof/cmdline`);
  assert.deepEqual(cmdline.text.split('\u0000'), process.argv);
  const index = await get(`${debug.url}/debug/pprof/`);
  assert.equal(index.status, 200);
  for (const name of ['heap', 'profile', 'cmdline', 'heapprofile', 'cpuprofile', 'heapsnapshot']) {
    assert.match(index.text, new RegExp(`>${name}</a>`));
  }
});

test('an inspector session that stops sampling stops ours: the next heap profile restarts it', async (t) => {
  const debug = await startDebug(t);
  const session = new Session();
  session.connect();
  t.after(() => session.disconnect());
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', { samplingInterval: 1024 * 1024 });
  await session.post('HeapProfiler.stopSampling');
  await session.post('HeapProfiler.disable');
  const res = await get(`${debug.url}/debug/pprof/heap`);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(sampleTypes(decodePprof(res.body)), [
    'inuse_objects/count',
    'inuse_space/bytes',
  ]);
  const vars = JSON.parse((await get(`${debug.url}/debug/vars`)).text);
  assert.ok(vars.heapProfiler.restarts >= 1, JSON.stringify(vars.heapProfiler));
  // Running again: a second profile needs no restart.
  keep.rows = allocateForPprofTest();
  const again = flat(decodePprof((await get(`${debug.url}/debug/pprof/heap`)).body), 'inuse_space');
  assert.ok(again.some(([name]) => name === 'allocateForPprofTest'));
  const after = JSON.parse((await get(`${debug.url}/debug/vars`)).text);
  assert.equal(after.heapProfiler.restarts, vars.heapProfiler.restarts);
  keep.rows = [];
});

test('[debug] max_waiting_profiles bounds the delta heap profiles waiting at once; /debug/vars shows it', async (t) => {
  const debug = await startDebug(t, { maxWaitingProfiles: 1 });
  const first = get(`${debug.url}/debug/pprof/heap?seconds=2`);
  await new Promise((next) => setTimeout(next, 200));
  const vars = JSON.parse((await get(`${debug.url}/debug/vars`)).text);
  assert.deepEqual(
    { waiting: vars.profiles.waitingDeltas, max: vars.profiles.maxWaitingDeltas },
    { waiting: 1, max: 1 },
  );
  const second = await get(`${debug.url}/debug/pprof/heap?seconds=1`);
  assert.equal(second.status, 409);
  assert.match(second.text, /^1 heap profiles with seconds are in progress/);
  assert.equal((await first).status, 200);
});

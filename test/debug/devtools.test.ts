// The DevTools formats: .heapprofile from pugo's running sampler, .cpuprofile through the
// inspector, .heapsnapshot streamed; each a download with the extension DevTools loads.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { devtoolsFileName } from '../../src/debug/devtools/devtools.js';
import {
  type HeapProfileNode,
  toHeapProfile,
} from '../../src/debug/devtools/devtools-heap-profile.js';
import { GO_MESSAGES } from '../../src/debug/pprof/go-errors.js';
import { decodePprof, flat, get, startDebug } from './helpers.js';

const keep: { rows: unknown[] } = { rows: [] };

/** About 6 MB kept in 60,000 small objects: well above the 512 KiB sampling interval. */
function allocateForDevtoolsTest(): unknown[] {
  const rows: unknown[] = [];
  for (let i = 0; i < 60_000; i++) rows.push({ i, label: `row ${i}`, cells: [i, i + 1, i + 2] });
  return rows;
}

function spinForDevtoolsTest(ms: number): number {
  const end = Date.now() + ms;
  let x = 0;
  while (Date.now() < end) x += Math.sqrt(x + 1);
  return x;
}

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

function nodesOf(head: HeapProfileNode): HeapProfileNode[] {
  return [head, ...head.children.flatMap(nodesOf)];
}

function fileNameOf(disposition: string | null): string {
  return /^attachment; filename="([^"]+)"$/.exec(disposition ?? '')?.[1] ?? '';
}

async function restarts(url: string): Promise<number> {
  return JSON.parse((await get(`${url}/debug/vars`)).text).heapProfiler.restarts;
}

test('file names carry the pid, a UTC time and the extension DevTools loads by', () => {
  const at = new Date('2015-10-04T22:58:13.456Z');
  assert.equal(
    devtoolsFileName('heapprofile', at),
    `pugo-${process.pid}-20151004T225813Z.heapprofile`,
  );
});

test("V8's allocation tree becomes DevTools' nodes: 0-based positions, self sizes, ids", () => {
  const profile = toHeapProfile(
    {
      name: '(root)',
      scriptName: '',
      scriptId: 0,
      lineNumber: 0,
      columnNumber: 0,
      allocations: [],
      children: [
        {
          name: 'render',
          scriptName: 'file:///app/render.js',
          scriptId: 42,
          lineNumber: 10,
          columnNumber: 16,
          allocations: [
            { sizeBytes: 32, count: 100 },
            { sizeBytes: 4096, count: 2 },
          ],
          children: [],
        },
      ],
    },
    5000,
  );
  const [render, external] = profile.head.children;
  assert.deepEqual(profile.head.callFrame, {
    functionName: '(root)',
    scriptId: '0',
    url: '',
    lineNumber: -1,
    columnNumber: -1,
  });
  assert.deepEqual(render.callFrame, {
    functionName: 'render',
    scriptId: '42',
    url: 'file:///app/render.js',
    lineNumber: 9,
    columnNumber: 15,
  });
  assert.equal(render.selfSize, 32 * 100 + 4096 * 2);
  assert.equal(external.callFrame.functionName, '(external)');
  assert.equal(external.selfSize, 5000);
  assert.deepEqual(
    [profile.head.id, render.id, external.id].sort(),
    [1, 2, 3],
    'ids are unique in the tree',
  );
  assert.deepEqual(profile.samples, [
    { size: render.selfSize, nodeId: render.id, ordinal: 1 },
    { size: 5000, nodeId: external.id, ordinal: 2 },
  ]);
});

test('/debug/pprof/heapprofile: the running sampler as a .heapprofile, sampler left running', async (t) => {
  const debug = await startDebug(t);
  keep.rows = allocateForDevtoolsTest();
  const res = await get(`${debug.url}/debug/pprof/heapprofile`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
  const name = fileNameOf(res.headers.get('content-disposition'));
  assert.match(name, new RegExp(`^pugo-${process.pid}-\\d{8}T\\d{6}Z\\.heapprofile$`));
  const profile = JSON.parse(res.text) as ReturnType<typeof toHeapProfile>;
  const nodes = nodesOf(profile.head);
  assert.equal(new Set(nodes.map((n) => n.id)).size, nodes.length, 'ids are unique');
  for (const n of nodes) {
    assert.deepEqual(Object.keys(n.callFrame).sort(), [
      'columnNumber',
      'functionName',
      'lineNumber',
      'scriptId',
      'url',
    ]);
    assert.ok(Number.isInteger(n.selfSize) && n.selfSize >= 0);
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const s of profile.samples) assert.equal(byId.get(s.nodeId)?.selfSize, s.size);
  assert.ok(nodes.some((n) => n.callFrame.functionName === '(external)'));

  // Our function, at the line it is declared on (DevTools counts lines from 0).
  const ours = nodes.filter((n) => n.callFrame.functionName === 'allocateForDevtoolsTest');
  assert.ok(ours.length > 0, 'the allocating function is in the tree');
  const self = fileURLToPath(import.meta.url);
  assert.ok(ours.every((n) => n.callFrame.url.endsWith('/dist/test/debug/devtools.test.js')));
  const lines = (await readFile(self, 'utf8')).split('\n');
  const declared = lines.findIndex((l) => l.startsWith('function allocateForDevtoolsTest('));
  assert.equal(ours[0].callFrame.lineNumber, declared);
  const devtoolsBytes = ours.reduce((sum, n) => sum + n.selfSize, 0);
  assert.ok(devtoolsBytes > 1024 * 1024, `${devtoolsBytes} bytes`);

  // The same sampler feeds the pprof heap profile: the same bytes, and no restart needed.
  const pprof = flat(decodePprof((await get(`${debug.url}/debug/pprof/heap`)).body), 'inuse_space');
  assert.equal(new Map(pprof).get('allocateForDevtoolsTest'), devtoolsBytes);
  assert.equal(await restarts(debug.url), 0);
  keep.rows = [];
});

test('/debug/pprof/cpuprofile: a .cpuprofile naming the busy function; the heap sampler runs on', async (t) => {
  const debug = await startDebug(t);
  const pending = get(`${debug.url}/debug/pprof/cpuprofile?seconds=1`);
  await wait(100);
  spinForDevtoolsTest(700);
  const res = await pending;
  assert.equal(res.status, 200, res.text);
  assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.match(
    fileNameOf(res.headers.get('content-disposition')),
    /^pugo-\d+-\d{8}T\d{6}Z\.cpuprofile$/,
  );
  const profile = JSON.parse(res.text);
  assert.equal(profile.nodes[0].callFrame.functionName, '(root)');
  assert.ok(profile.endTime - profile.startTime >= 900_000, 'about a second, in microseconds');
  assert.equal(profile.samples.length, profile.timeDeltas.length);
  const ids = new Set(profile.nodes.map((n: { id: number }) => n.id));
  assert.ok(profile.samples.every((id: number) => ids.has(id)));
  const spin = profile.nodes.filter(
    (n: { callFrame: { functionName: string } }) =>
      n.callFrame.functionName === 'spinForDevtoolsTest',
  );
  const hits = spin.reduce((sum: number, n: { hitCount: number }) => sum + n.hitCount, 0);
  assert.ok(hits > 100, `${hits} samples of 1 ms in a 700 ms spin`);

  // HeapProfiler was never touched: the sampler still samples, with no restart.
  keep.rows = allocateForDevtoolsTest();
  const heap = flat(decodePprof((await get(`${debug.url}/debug/pprof/heap`)).body), 'inuse_space');
  assert.ok(heap.some(([name]) => name === 'allocateForDevtoolsTest'));
  assert.equal(await restarts(debug.url), 0);
  keep.rows = [];
});

test('one CPU profile at a time, across /profile and /cpuprofile', async (t) => {
  const debug = await startDebug(t);
  for (const [first, second] of [
    ['profile', 'cpuprofile'],
    ['cpuprofile', 'profile'],
  ]) {
    const running = get(`${debug.url}/debug/pprof/${first}?seconds=1`);
    await wait(150);
    const refused = await get(`${debug.url}/debug/pprof/${second}?seconds=1`);
    assert.equal(refused.status, 409, `${second} while ${first} runs`);
    assert.equal(refused.headers.get('x-go-pprof'), '1');
    assert.equal(refused.text, `${GO_MESSAGES.cpuBusy}\n`);
    assert.equal((await running).status, 200);
  }
});

test('/debug/pprof/heapsnapshot: a streamed .heapsnapshot; HEAD takes none', async (t) => {
  const debug = await startDebug(t);
  const head = await fetch(`${debug.url}/debug/pprof/heapsnapshot`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.match(fileNameOf(head.headers.get('content-disposition')), /\.heapsnapshot$/);
  const res = await get(`${debug.url}/debug/pprof/heapsnapshot`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(res.headers.get('content-length'), null, 'streamed, not buffered first');
  assert.match(
    fileNameOf(res.headers.get('content-disposition')),
    new RegExp(`^pugo-${process.pid}-\\d{8}T\\d{6}Z\\.heapsnapshot$`),
  );
  const snapshot = JSON.parse(res.text);
  const { meta, node_count: count } = snapshot.snapshot;
  assert.ok(meta.node_fields.includes('self_size'));
  assert.equal(snapshot.nodes.length, count * meta.node_fields.length);
  assert.ok(count > 1000);
});

test('a heap above [debug] snapshot_max_heap: 409, saying the sizes and what to use instead', async (t) => {
  const debug = await startDebug(t, { snapshotMaxHeap: 1024 * 1024 });
  const res = await get(`${debug.url}/debug/pprof/heapsnapshot`);
  assert.equal(res.status, 409);
  assert.equal(res.headers.get('x-go-pprof'), '1');
  assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
  assert.equal(res.headers.get('content-disposition'), null);
  assert.match(
    res.text,
    /the V8 heap is \d+\.\d MiB, above \[debug\] snapshot_max_heap \(1\.0 MiB\)/,
  );
  assert.match(res.text, /\/debug\/pprof\/heap\b/);
});

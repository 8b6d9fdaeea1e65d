// npm run bench:leaks -- [--heaps 50,200] [--seconds 2]
// How long the leak report blocks the process, at each heap size: the drill (tango-pool) is
// loaded until V8's used heap reaches it, then /debug/leaks runs with no traffic, alternating
// with a plain /debug/pprof/heapsnapshot download of the same heap (the reference: one snapshot
// streamed to a client). Printed per heap: the report's three snapshots, its analysis in the
// child, and the report's blocking over one plain snapshot's. Only 127.0.0.1 is loaded.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LeakReport } from '../../src/debug/leaks/leak-report.js';
import { repoRoot } from './lib/repo-paths.js';
import { startChild } from './lib/serve-bench/child-server.js';

const { values } = parseArgs({
  options: {
    heaps: { type: 'string', default: '50,200' },
    seconds: { type: 'string', default: '2' },
  },
});
const heaps = values.heaps.split(',').map(Number);
const main = join(repoRoot(), 'dist', 'src', 'cli', 'main.js');
const work = await mkdtemp(join(tmpdir(), 'pugo-leaks-bench-'));
const content = join(repoRoot(), 'content');
const server = await startChild(
  process.execPath,
  [
    main,
    'serve',
    '--content',
    content,
    '--store',
    join(work, 'store'),
    '--port',
    '0',
    '--no-watch',
    '--debug',
    '--debug-port',
    '0',
    '--drill',
    'tango-pool',
  ],
  true,
);
const debug = server.debugUrl as string;

async function usedHeapMb(): Promise<number> {
  const vars = (await (await fetch(`${debug}/debug/vars`)).json()) as {
    v8: { heap: { used_heap_size: number } };
  };
  return vars.v8.heap.used_heap_size / 1024 / 1024;
}

/** One plain snapshot download, first request to last byte: V8 blocks the process for most of it. */
async function plainSnapshotMs(): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${debug}/debug/pprof/heapsnapshot`);
  await res.arrayBuffer();
  return performance.now() - started;
}

try {
  console.log(
    `bench-leaks: the drill's heap grown to ${heaps.join(', ')} MB; /debug/leaks?seconds=${values.seconds}, no traffic`,
  );
  for (const target of heaps) {
    // At most 20 s of loading per size: 200 requests at a time, each keeping about 7 KB.
    const deadline = Date.now() + 20_000;
    while ((await usedHeapMb()) < target && Date.now() < deadline) {
      await Promise.all(
        Array.from({ length: 200 }, () =>
          fetch(`${server.url}/drill/tango`).then((r) => r.arrayBuffer()),
        ),
      );
    }
    const heap = await usedHeapMb();
    const plain = await plainSnapshotMs();
    const res = await fetch(`${debug}/debug/leaks?seconds=${values.seconds}&format=json`);
    const report = (await res.json()) as LeakReport;
    const plainAfter = await plainSnapshotMs();
    const blocked = report.taken.map((t) => t.blockedMs);
    const total = blocked.reduce((a, b) => a + b, 0);
    const reference = (plain + plainAfter) / 2;
    console.log(
      `heap ${heap.toFixed(0)} MB: snapshots blocked ${blocked.map((ms) => ms.toFixed(0)).join(', ')} ms (${total.toFixed(0)} in all); analysis ${report.analysisMs.toFixed(0)} ms in the child; one plain heapsnapshot download ${reference.toFixed(0)} ms; report blocking / plain snapshot ${(total / reference).toFixed(2)}`,
    );
  }
} finally {
  await server.stop();
  await rm(work, { recursive: true, force: true });
}

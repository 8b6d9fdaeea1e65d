// How long one heap-profile fetch blocks the event loop with a ~200 MB heap: a child process that
// fills its heap with small objects, opens pugo's debug listener and fetches its own profile.
//   node heap-block.js [megabytes]

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { DEFAULTS } from '../../../../src/config/defaults.js';
import { debugDefaults } from '../../../../src/config/load-config.js';
import { DIST_DIR, startDebugListener } from '../../../../src/debug/listener.js';
import { createLogger } from '../../../../src/log.js';
import { NO_SITE } from '../../../debug/helpers.js';

const megabytes = Number(process.argv[2] ?? 200);

/** Small objects, as a blog's store and caches make them: the hard case for a heap walk. */
function fillHeap(bytes: number): unknown[] {
  const keep: unknown[] = [];
  while (getHeapStatistics().used_heap_size < bytes) {
    for (let i = 0; i < 10_000; i++) keep.push({ id: i, title: `post ${i}`, tags: ['a', 'b'] });
  }
  return keep;
}

const held = fillHeap(megabytes * 1024 * 1024);
const debug = await startDebugListener({
  config: { ...debugDefaults(), enabled: true, port: 0 },
  sources: NO_SITE,
  log: createLogger({ quiet: true }),
  distDir: DIST_DIR,
  maxProfileSeconds: DEFAULTS.maxProfileSeconds,
});
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
const blocks: number[] = [];
for (let i = 0; i < 5; i++) {
  loop.reset();
  const res = await fetch(`${debug.url}/debug/pprof/heap`);
  await res.arrayBuffer();
  blocks.push(loop.max / 1e6);
}
loop.disable();
await debug.stop();
const heapMb = Math.round(getHeapStatistics().used_heap_size / 1024 / 1024);
blocks.sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({ heapMb, medianMs: blocks[2], maxMs: blocks[4], objects: held.length })}\n`,
);

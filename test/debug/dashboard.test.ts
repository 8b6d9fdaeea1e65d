// The /debug/ dashboard: one self-contained page with the chart, the top sites and their peek
// views, the pools and the watchdog; its history, chart and the watchdog's profiles.

import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import { DEFAULTS } from '../../src/config/defaults.js';
import type { Site } from '../../src/debug/dashboard/dashboard-sites.js';
import { topSites } from '../../src/debug/dashboard/dashboard-sites.js';
import { topSitesList } from '../../src/debug/dashboard/dashboard-top.js';
import type { DebugContext } from '../../src/debug/debug-context.js';
import { SnapshotGuard } from '../../src/debug/devtools/snapshot-guard.js';
import { createDebugApp } from '../../src/debug/listener.js';
import { CpuProfiler } from '../../src/debug/pprof/cpu-profiler.js';
import { HeapSampler } from '../../src/debug/pprof/heap-sampler.js';
import { RuntimeStats } from '../../src/debug/runtime-stats.js';
import type { DebugSources } from '../../src/debug/sources.js';
import { startMemoryWatch } from '../../src/debug/watchdog/watchdog.js';
import { createMemoryLogger } from '../../src/log.js';
import { listen } from '../../src/server/listen.js';
import { debugConfig } from './helpers.js';

const pool = (route: string, reused: number) => ({
  route,
  size: 10,
  created: 2,
  reused,
  idle: 2,
  inUse: 0,
  highWater: 2,
});

/** Fixed figures: plain numbers, as the site would report them. */
const SOURCES: DebugSources = {
  pools: () => [pool('home', 1234), pool('post', 987), pool('<i>odd</i>', 5)],
  requests: () => ({
    total: 2223,
    inFlight: 1,
    byStatus: { '2xx': 2200, '3xx': 3, '4xx': 20, '5xx': 0 },
  }),
  store: () => ({ location: '/tmp/store', files: 40, posts: 31, pages: 3, batches: 2, reads: 900 }),
  caches: () => [
    {
      name: 'render',
      entries: 12,
      bytes: 480_000,
      maxBytes: 64 << 20,
      hits: 90,
      misses: 12,
      evictions: 0,
      bytesByCoding: { identity: 100_000, br: 300_000, gzip: 80_000 },
      codings: 30,
      codingMs: 12,
      dropped: 3,
      notKept: 4,
    },
  ],
  site: () => ({ posts: 31, pages: 3, tags: 32 }),
  health: () => ({
    status: 'stale' as const,
    syncedAt: '2026-12-01T10:00:00.000Z',
    staleSince: '2026-12-01T10:05:00.000Z',
    reason: 'no space left on the device',
    code: 'PUGO_DISK_FULL',
  }),
  warmer: () => ({ warmed: 2864, failed: 0, passes: 2, running: false }),
};

const kept: unknown[] = [];

/** Allocations the heap sampler will catch, under a caller the peek view must show. */
function allocateForDashboard(): void {
  for (let i = 0; i < 60_000; i++) kept.push({ i, label: `row ${i}` });
}
function callsTheAllocator(): void {
  allocateForDashboard();
}

/** A memory watch on the real heap sampler, with a minute of samples on its own clock. */
function watchedHeap() {
  const heap = new HeapSampler();
  heap.start();
  callsTheAllocator();
  let clock = Date.now() - 60_000;
  const config = debugConfig();
  const log = createMemoryLogger();
  const memory = startMemoryWatch({
    config,
    heap,
    log,
    now: () => clock,
    schedule: () => () => {},
  });
  for (let i = 0; i < 6; i++) {
    clock += 10_000;
    memory.sampler.sampleNow();
  }
  return { heap, memory, config, log };
}

/** The debug app in process, on port 0: real heap sampler, CPU profiler and memory watch. */
async function start(t: TestContext): Promise<string> {
  const { heap, memory, config, log } = watchedHeap();
  const d: DebugContext = {
    sources: SOURCES,
    heap,
    cpu: new CpuProfiler(),
    snapshots: new SnapshotGuard(config.snapshotMaxHeap),
    memory,
    config,
    log,
    maxProfileSeconds: DEFAULTS.maxProfileSeconds,
    startedAt: new Date(),
    deltas: { waiting: 0, max: DEFAULTS.maxWaitingProfiles },
    gc: null,
  };
  const runtime = new RuntimeStats();
  const running = await listen(createDebugApp(d, runtime), '127.0.0.1', 0);
  t.after(async () => {
    await running.stop();
    runtime.stop();
    memory.stop();
    heap.stop();
    kept.length = 0;
  });
  return running.url;
}

async function page(base: string): Promise<string> {
  const res = await fetch(`${base}/debug/`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  return res.text();
}

test('the dashboard: the chart, the top sites with peek views, pools and caches', async (t) => {
  const html = await page(await start(t));
  for (const series of ['rss', 'heapUsed', 'external']) {
    assert.match(html, new RegExp(`<polyline class="line s-${series}" points="[0-9., ]+"`));
  }
  assert.match(
    html,
    /<section class="card" id="pools"[\s\S]*<td><code>home<\/code><\/td><td class="num">10<\/td><td class="num">2<\/td><td class="num">1,234<\/td>/,
  );
  assert.match(html, /<code>&lt;i&gt;odd&lt;\/i&gt;<\/code>/, 'a route name is escaped');
  assert.match(
    html,
    /<td>render<\/td><td class="num">12<\/td><td class="num">469 KiB<small class="sub">of 64 MiB<\/small>/,
  );
  assert.match(
    html,
    /<ol class="sites">[\s\S]*<details><summary>[\s\S]*<b>allocateForDashboard<\/b>/,
  );
  assert.match(html, /called from<\/h4><ul><li><span class="fn"><b>callsTheAllocator<\/b>/);
});

test('the dashboard: the watchdog, links to every profile, nothing from elsewhere', async (t) => {
  const html = await page(await start(t));
  assert.match(html, /id="watchdog"[\s\S]*<b>Quiet<\/b>/);
  assert.match(html, /go tool pprof -base http:\/\/127\.0\.0\.1:\d+\/debug\/pprof\/watchdog-base/);
  const profiles = ['pprof/', 'pprof/heap', 'pprof/heap?debug=1', 'pprof/profile?seconds=30'];
  const devtools = ['pprof/heapprofile', 'pprof/cpuprofile?seconds=10', 'pprof/heapsnapshot'];
  for (const href of [...profiles, ...devtools, 'vars']) {
    assert.ok(html.includes(`href="${href}"`), `links to ${href}`);
  }
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'nothing loads from elsewhere');
  assert.match(html, /<script nonce="[^"]+">/);
});

test('the history, the chart fragment and a redirect to the page', async (t) => {
  const base = await start(t);
  const history = (await (await fetch(`${base}/debug/history.json`)).json()) as {
    sampleSeconds: number;
    capacity: number;
    samples: { t: number; rss: number }[];
  };
  assert.equal(history.sampleSeconds, DEFAULTS.sampleSeconds);
  assert.equal(history.capacity, 360);
  assert.equal(history.samples.length, 7);
  assert.ok(history.samples.every((s, i) => i === 0 || s.t > history.samples[i - 1].t));
  const chart = await (await fetch(`${base}/debug/chart.html`)).text();
  assert.match(chart, /^<div class="legend">[\s\S]*<svg /);
  const redirect = await fetch(`${base}/debug`, { redirect: 'manual' });
  assert.equal(redirect.status, 302);
  assert.equal(redirect.headers.get('location'), '/debug/');
});

test('the watchdog profiles are pprof downloads go tool pprof -base can read', async (t) => {
  const base = await start(t);
  for (const name of ['watchdog-base', 'watchdog-current']) {
    const res = await fetch(`${base}/debug/pprof/${name}`);
    assert.equal(res.status, 200, name);
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="${name}"`);
    const body = Buffer.from(await res.arrayBuffer());
    const profile = Profile.decode(gunzipSync(body));
    const types = profile.sampleType.map((s) => profile.stringTable.strings[Number(s.type)]);
    assert.deepEqual(types, ['inuse_objects', 'inuse_space']);
  }
});

test('top sites name the allocating function and its caller; a hostile name is escaped', () => {
  const heap = new HeapSampler();
  heap.start();
  try {
    callsTheAllocator();
    const sites = topSites(heap.profile());
    const site = sites.find((s) => s.name === 'allocateForDashboard');
    assert.ok(site, sites.map((s) => s.name).join(', '));
    assert.ok(site.bytes > 0 && site.cumBytes >= site.bytes);
    assert.equal(site.callers[0]?.name, 'callsTheAllocator');
  } finally {
    heap.stop();
    kept.length = 0;
  }
  const hostile: Site = {
    name: '<script>alert(1)</script>',
    file: '/x/"><img src=x>.js',
    line: 3,
    bytes: 1024,
    objects: 1,
    cumBytes: 1024,
    callers: [{ name: '<b>caller</b>', file: '', bytes: 1024 }],
    callees: [],
  };
  const html = topSitesList([hostile], 1024);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('&quot;&gt;&lt;img src=x&gt;.js:3'));
  assert.ok(html.includes('&lt;b&gt;caller&lt;/b&gt;'));
  assert.doesNotMatch(html, /<script|<img|<b>caller/);
});

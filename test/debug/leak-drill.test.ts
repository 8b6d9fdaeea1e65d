// The seed's story as a test. In 2015 tango pre-allocated 800 handlers per route and never reset
// them, and Pugo grew from 14 MB to 228 MB in a day. A route pooled that way is found by the
// heap profile; the real HandlerPool under the same traffic leaves no such entry.

import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import Router from '@koa/router';
import Koa, { type Middleware } from 'koa';
import { DEFAULTS } from '../../src/config/defaults.js';
import { SAMPLE_INTERVAL_BYTES } from '../../src/debug/pprof/heap-sampler.js';
import { listen } from '../../src/server/listen.js';
import { HandlerPool, type Poolable } from '../../src/site/handler-pool.js';
import { decodePprof, flat, get, NO_SITE, stacks, startDebug } from './helpers.js';

interface DrillHandler extends Poolable {
  render(path: string): string;
}

/** What both pools run their handlers through. */
interface Pool {
  with<T>(use: (handler: DrillHandler) => Promise<T>): Promise<T>;
}

/** A handler as tango's were: a scratch buffer (8 KB) made with it, and the last view it built. */
function createHandler(): DrillHandler {
  const scratch = new Array<number>(1024).fill(0);
  let view: { path: string; body: string } | null = null;
  return {
    render(path) {
      view = { path, body: `<article>${path} ${scratch.length}</article>`.repeat(50) };
      return view.body;
    },
    reset() {
      view = null;
    },
  };
}

/** The allocating function the heap profile should name. */
function preallocateHandlers(create: () => DrillHandler, count: number): DrillHandler[] {
  const batch: DrillHandler[] = [];
  for (let i = 0; i < count; i++) batch.push(create());
  return batch;
}

/** Pre-fix: a batch of 800 made before the first request; handlers used once, never reset. */
class LeakyPool implements Pool {
  private readonly batches: DrillHandler[][] = [];
  private next = 0;

  constructor(private readonly create: () => DrillHandler) {}

  async with<T>(use: (handler: DrillHandler) => Promise<T>): Promise<T> {
    const batch = this.batches.at(-1);
    if (!batch || this.next === batch.length) {
      this.batches.push(preallocateHandlers(this.create, 800));
      this.next = 0;
    }
    const handler = (this.batches.at(-1) as DrillHandler[])[this.next++];
    return use(handler);
  }
}

const ROUTES = ['/', '/posts/:n', '/tags/:tag', '/archive'];
const TRAFFIC = ['/', '/posts/2', '/tags/go', '/archive'];

/** A tiny site: one pool per route, as pugo's server has. */
async function drillSite(t: TestContext, poolFor: (route: string) => Pool) {
  const router = new Router();
  for (const route of ROUTES) {
    const pool = poolFor(route);
    router.get(route, async (ctx) => {
      ctx.body = await pool.with(async (h) => h.render(ctx.path));
    });
  }
  const app = new Koa();
  app.use(router.routes() as Middleware);
  const running = await listen(app, '127.0.0.1', 0);
  t.after(() => running.stop());
  return running.url;
}

/** 400 requests, four at a time, across the four routes. */
async function drive(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await Promise.all(
      TRAFFIC.map(async (path) => {
        const res = await fetch(url + path);
        assert.equal(res.status, 200);
        await res.arrayBuffer();
      }),
    );
  }
}

/** In-use bytes of every sample whose stack passes through `name`. */
function cumulative(profile: ReturnType<typeof decodePprof>, name: RegExp): number {
  return stacks(profile)
    .filter((s) => s.names.some((n) => name.test(n)))
    .reduce((sum, s) => sum + s.values[1], 0);
}

async function heapAfterTraffic(t: TestContext, poolFor: (route: string) => Pool) {
  const pools: HandlerPool<DrillHandler>[] = [];
  const debug = await startDebug(t, {}, { ...NO_SITE, pools: () => pools.map((p) => p.stats()) });
  const url = await drillSite(t, (route) => {
    const pool = poolFor(route);
    if (pool instanceof HandlerPool) pools.push(pool);
    return pool;
  });
  await drive(url);
  const res = await get(`${debug.url}/debug/pprof/heap?gc=1`);
  assert.equal(res.status, 200);
  const vars = JSON.parse((await get(`${debug.url}/debug/vars`)).text);
  return { profile: decodePprof(res.body), pools: vars.pools };
}

test("pre-fix pooling: the heap profile's top entry is the pool's preallocation", async (t) => {
  const { profile } = await heapAfterTraffic(t, () => new LeakyPool(createHandler));
  const [top] = flat(profile, 'inuse_space').filter(([name]) => name !== '(external)');
  const [leaf, bytes] = top;
  const viaPool = stacks(profile)
    .filter((s) => s.names[0] === leaf && s.names.includes('preallocateHandlers'))
    .reduce((sum, s) => sum + s.values[1], 0);
  assert.ok(
    leaf === 'preallocateHandlers' || viaPool > bytes / 2,
    `top entry ${leaf} (${bytes} B), ${viaPool} B of it under preallocateHandlers`,
  );
  t.diagnostic(`top entry ${leaf}: ${bytes} B, ${viaPool} B of it under preallocateHandlers`);
  // Four routes, one batch of 800 handlers of 8 KB each: about 26 MB, some 52 samples at the
  // 512 KiB interval. Sampling is a Poisson process, so the floor sits far below that.
  const held = cumulative(profile, /^preallocateHandlers$/);
  assert.ok(held > 10 * 1024 * 1024, `${held} B under preallocateHandlers`);
});

test('the real HandlerPool under the same traffic leaves no such entry', async (t) => {
  const { profile, pools } = await heapAfterTraffic(
    t,
    (route) => new HandlerPool<DrillHandler>(route, createHandler, DEFAULTS.poolSize),
  );
  assert.equal(cumulative(profile, /^preallocateHandlers$/), 0);
  // A handler is 8 KB and each route keeps one or two, some 64 KB in all. One sample stands
  // for about 512 KiB, so that shows as nothing or as a sample or two, never the leak's 26 MB.
  const handlers = cumulative(profile, /^(createHandler|preallocate)/);
  assert.ok(handlers < 4 * SAMPLE_INTERVAL_BYTES, `${handlers} B held by handlers`);
  t.diagnostic(`handlers hold ${handlers} B with the real HandlerPool`);
  assert.equal(pools.length, ROUTES.length);
  for (const p of pools) {
    assert.equal(p.inUse, 0);
    assert.ok(p.created <= 2, JSON.stringify(p));
    assert.ok(p.reused >= 98, JSON.stringify(p));
  }
});

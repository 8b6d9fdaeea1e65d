// HandlerPool: lazy, bounded, reset on release, returned even when the handler throws.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HandlerPool } from '../../src/site/handler-pool.js';
import { makeSite, open, post, serve } from '../helpers.js';

class Probe {
  data: string[] | null = null;
  resets = 0;
  reset() {
    this.data = null;
    this.resets++;
  }
}

test('nothing is created before a request asks for it', () => {
  let made = 0;
  const pool = new HandlerPool(
    'r',
    () => {
      made++;
      return new Probe();
    },
    10,
  );
  assert.equal(made, 0);
  assert.deepEqual(pool.stats(), {
    route: 'r',
    size: 10,
    created: 0,
    reused: 0,
    idle: 0,
    inUse: 0,
    highWater: 0,
  });
});

test('a released handler is reset and reused', () => {
  const pool = new HandlerPool('r', () => new Probe(), 10);
  const a = pool.acquire();
  a.data = ['request data'];
  pool.release(a);
  const b = pool.acquire();
  assert.equal(b, a);
  assert.equal(b.data, null);
  assert.equal(pool.stats().reused, 1);
});

test('a throwing handler still returns its object to the pool', async () => {
  const pool = new HandlerPool('r', () => new Probe(), 10);
  await assert.rejects(
    pool.with(async (h) => {
      h.data = ['x'];
      throw new Error('boom');
    }),
    /boom/,
  );
  const s = pool.stats();
  assert.equal(s.inUse, 0);
  assert.equal(s.idle, 1);
});

test('at most `size` handlers wait idle; size 0 keeps none', () => {
  for (const size of [0, 3]) {
    const pool = new HandlerPool('r', () => new Probe(), size);
    const held = Array.from({ length: 20 }, () => pool.acquire());
    for (const h of held) pool.release(h);
    assert.equal(pool.stats().idle, size);
    assert.equal(pool.stats().highWater, 20);
  }
});

test('after 10,000 requests at concurrency 50 no route holds more than pool_size idle handlers', async (t) => {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 12; i++)
    files[`post/p${i}.md`] = post(`P${i}`, `2020-01-${String(i).padStart(2, '0')}`, ['t']);
  const site = await makeSite(t, files);
  const opened = await open(t, site.content, site.store);
  await opened.sync();
  const running = await serve(t, opened, 10);
  const urls = [
    '/',
    '/posts/2.html',
    '/2020/1/3/p3.html',
    '/tags/t.html',
    '/archive.html',
    '/feed.xml',
    '/nope.html',
  ];
  let next = 0;
  const worker = async () => {
    while (next < 10_000) {
      const url = urls[next++ % urls.length];
      const res = await fetch(running.url + url);
      await res.arrayBuffer();
      assert.ok(
        res.status === 200 || (url === '/nope.html' && res.status === 404),
        `${url} ${res.status}`,
      );
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  for (const pool of running.pools.values()) {
    const s = pool.stats();
    assert.ok(s.idle <= 10, `${s.route} holds ${s.idle} idle`);
    assert.equal(s.inUse, 0, `${s.route} has handlers not returned`);
  }
  const home = running.pools.get('home')?.stats();
  assert.ok(home && home.reused > home.created, 'handlers are reused');
});

// Cache warming: after start and after a change, every URL is rendered into the cache in idle
// time, kept as brotli alone, so a browser's first request is a hit and a reader gets the same bytes.

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';
import { createMemoryLogger } from '../../src/log.js';
import { createApp } from '../../src/server/app.js';
import type { CacheWarmer } from '../../src/server/cache-warmer.js';
import { listen } from '../../src/server/listen.js';
import { ROUTES } from '../../src/site/routes.js';
import { makeSite, open, post, rawRequest } from '../helpers.js';

async function settled(warmer: CacheWarmer): Promise<void> {
  for (let i = 0; i < 500 && (warmer.figures().running || warmer.figures().passes === 0); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.equal(warmer.figures().running, false, 'warming ends');
}

async function warmSite(t: Parameters<typeof makeSite>[0], cacheBytes = 16 << 20) {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 9; i++) files[`post/p${i}.md`] = post(`Post ${i}`, `2020-01-0${i}`, ['go']);
  const site = await makeSite(t, files);
  const opened = await open(t, site.content, site.store);
  await opened.sync();
  const log = createMemoryLogger();
  const served = createApp({
    site: opened.site,
    routes: ROUTES,
    staticRoots: opened.staticRoots,
    poolSize: 4,
    cacheBytes,
    warm: true,
    log,
  });
  const running = await listen(served.app, '127.0.0.1', 0);
  t.after(() => running.stop());
  const warmer = served.warmer as CacheWarmer;
  t.after(() => warmer.stop());
  const paths = () => {
    const snap = opened.site.snapshot();
    return ROUTES.flatMap((r) => r.entries(snap, opened.site).map((e) => e.path));
  };
  return { site, opened, served, running, warmer, paths, log };
}

test('after start every URL of the route table is in the cache, as brotli alone', async (t) => {
  const { served, running, warmer, paths } = await warmSite(t);
  warmer.schedule();
  await settled(warmer);
  for (const path of paths()) assert.ok(served.cache.peek(path), `${path} warmed`);
  const before = served.cache.figures();
  assert.ok(before.bytesByCoding.br > 0);
  assert.equal(before.bytesByCoding.identity > before.bytesByCoding.br, false);
  const res = await rawRequest(running.url, '/2020/1/3/p3.html', {
    headers: { 'Accept-Encoding': 'gzip, deflate, br' },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-encoding'], 'br');
  assert.match(brotliDecompressSync(res.body).toString(), /Post 3/);
  const after = served.cache.figures();
  assert.equal(after.misses, before.misses, "a browser's first request is a hit");
  const plain = await rawRequest(running.url, '/2020/1/3/p3.html');
  assert.match(plain.body.toString(), /Post 3/, 'plain bytes are made back from brotli');
});

test('a change drops what it shows, and warming renders those pages again', async (t) => {
  const { site, opened, served, warmer } = await warmSite(t);
  warmer.schedule();
  await settled(warmer);
  const passes = warmer.figures().passes;
  await writeFile(join(site.content, 'post/p3.md'), post('Post three', '2020-01-03', ['go']));
  await opened.sync();
  opened.site.snapshot();
  await settled(warmer);
  assert.ok(warmer.figures().passes > passes, 'another pass after the change');
  const page = served.cache.peek('/2020/1/3/p3.html');
  assert.ok(page, 'the edited post is warm again');
  const br = page.made.br;
  assert.ok(br && /Post three/.test(brotliDecompressSync(br).toString()));
});

test('warming never evicts: it stops while the cache is nearly full, and says how large a cache the site needs', async (t) => {
  const { served, warmer, paths, log } = await warmSite(t, 8_000);
  warmer.schedule();
  await settled(warmer);
  const f = served.cache.figures();
  assert.equal(f.evictions, 0);
  assert.ok(f.bytes <= 8_000);
  assert.ok(f.entries < paths().length, 'the site does not fit');
  const told = log.lines.filter((line) => line.includes('[server] cache_bytes'));
  assert.equal(told.length, 1, 'said once');
  const [, kept, pages, needed] =
    /holds (\d+) of the site's (\d+) pages; about (\d+) MiB would hold them all/.exec(told[0]) ??
    [];
  assert.equal(Number(kept), f.entries);
  assert.equal(Number(pages), paths().length);
  assert.ok(Number(needed) >= 1);
});

test('a cache that holds the site says nothing about its size', async (t) => {
  const { warmer, log } = await warmSite(t);
  warmer.schedule();
  await settled(warmer);
  assert.deepEqual(
    log.lines.filter((line) => line.includes('cache_bytes')),
    [],
  );
});

// What visitors see: drafts, scheduled posts, tags that differ only in case, the sitemap's URLs.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/build/build.js';
import { ROUTES } from '../../src/site/routes.js';
import { makeSite, open, post, serve } from '../helpers.js';

const DAY = 24 * 3600 * 1000;

test('a scheduled post appears when its time comes, without a restart', async (t) => {
  let now = Date.parse('2030-01-01T00:00:00Z');
  const site = await makeSite(t, {
    'post/old.md': post('Old', '2020-01-01', ['news']),
    'post/soon.md': post('Soon', '2030-01-02 00:00:00', ['news']),
  });
  const opened = await open(t, site.content, site.store, { now: () => now });
  await opened.sync();
  const running = await serve(t, opened);
  assert.deepEqual(
    opened.site.snapshot().posts.map((p) => p.title),
    ['Old'],
  );
  assert.equal((await fetch(`${running.url}/2030/1/2/soon.html`)).status, 404);
  // Cached before the post is due: its coming due drops the tag page like an edit would.
  assert.doesNotMatch(await (await fetch(`${running.url}/tags/news.html`)).text(), /Soon/);
  now += 2 * DAY;
  assert.deepEqual(
    opened.site.snapshot().posts.map((p) => p.title),
    ['Soon', 'Old'],
  );
  assert.equal((await fetch(`${running.url}/2030/1/2/soon.html`)).status, 200);
  assert.match(await (await fetch(`${running.url}/tags/news.html`)).text(), /Soon/);
});

test('drafts are hidden unless --drafts; --future shows scheduled posts', async (t) => {
  const site = await makeSite(t, {
    'post/draft.md': post('Draft', '2020-01-01', [], 'draft = true\n'),
    'post/future.md': post('Future', '2999-01-01'),
    'post/live.md': post('Live', '2020-01-02'),
  });
  const plain = await open(t, site.content, site.store);
  await plain.sync();
  assert.deepEqual(
    plain.site.snapshot().posts.map((p) => p.title),
    ['Live'],
  );
  await plain.close();
  const all = await open(t, site.content, site.store, { drafts: true, future: true });
  await all.sync();
  assert.deepEqual(
    all.site.snapshot().posts.map((p) => p.title),
    ['Future', 'Live', 'Draft'],
  );
});

test('tags that differ only in case or Unicode form are one tag; each spelling answers', async (t) => {
  const site = await makeSite(t, {
    'post/a.md': post('A', '2020-01-01', ['beego']),
    'post/b.md': post('B', '2020-01-02', ['Beego']),
    'post/c.md': post('C', '2020-01-03', ['beego', 'Cafe\u0301']),
    'post/d.md': post('D', '2020-01-04', ['Caf\u00e9']),
  });
  const opened = await open(t, site.content, site.store);
  await opened.sync();
  const tags = opened.site.snapshot().tags;
  assert.equal(tags.get('beego')?.name, 'beego');
  assert.deepEqual(tags.get('beego')?.aliases, ['Beego']);
  assert.equal(tags.get('beego')?.posts.length, 3);
  assert.equal(tags.get('caf\u00e9')?.posts.length, 2);
  const running = await serve(t, opened);
  for (const path of ['/tags/beego.html', '/tags/Beego.html', '/tags/BEEGO.html']) {
    assert.equal((await fetch(running.url + path)).status, 200, path);
  }
});

test('a post writing one tag two ways counts once, as the spelling it writes last', async (t) => {
  const site = await makeSite(t, {
    'post/a.md': post('A', '2020-01-01', ['go']),
    'post/b.md': post('B', '2020-01-02', ['GO', 'Go']),
    'post/c.md': post('C', '2020-01-03', ['go', 'Go', 'x']),
    'post/d.md': post('D', '2020-01-04', ['Go', 'go', 'GO']),
  });
  const opened = await open(t, site.content, site.store);
  await opened.sync();
  const go = opened.site.snapshot().tags.get('go');
  assert.equal(go?.posts.length, 4, 'each post once');
  assert.deepEqual(
    go?.posts.map((p) => p.title),
    ['D', 'C', 'B', 'A'],
    'newest first',
  );
  // Counted as written last: go (A), Go (B), Go (C), GO (D). Go is the most used; the others
  // are aliases, oldest first.
  assert.equal(go?.name, 'Go');
  assert.deepEqual(go?.aliases, ['go', 'GO']);
});

test('every URL in the sitemap is a file the build wrote', async (t) => {
  const site = await makeSite(t, {
    'post/a.md': post('A', '2020-01-01', ['x', '中文']),
    'post/b.md': post('B', '2020-01-02', ['x']),
    'post/c.md': post('C', '2020-01-03', ['x']),
    'page/about.md': post('About', '2020-01-01'),
  });
  const opened = await open(t, site.content, site.store);
  await opened.sync();
  await buildSite({
    site: opened.site,
    routes: ROUTES,
    staticRoots: opened.staticRoots,
    destDir: site.dest,
  });
  const xml = await readFile(join(site.dest, 'sitemap.xml'), 'utf8');
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  assert.ok(locs.length >= 8);
  for (const path of locs) {
    const file = decodeURIComponent(path === '/' ? '/index.html' : path);
    assert.ok(existsSync(join(site.dest, file)), `${path} in the sitemap was built`);
  }
});

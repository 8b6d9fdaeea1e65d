// The real Pugo site of the seed author (../shared/corpus/fuxiaohei-me): every URL Pugo gave it.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../src/build/build.js';
import { ROUTES } from '../src/site/routes.js';
import { CORPUS, makeSite, open, serve } from './helpers.js';

const PUGO_URLS = [
  '/2015/10/14/pugo-mem-leak-profile.html',
  '/2014/1/19/first-blog.html',
  '/2014/11/1/a-new-city.html',
  '/2016/5/5/react-babel-webpack-start.html',
  '/2017/4/22/gopherchina-2017.html',
];

test('the fuxiaohei-me corpus builds with 31 posts at their Pugo URLs and serves its nav links', {
  skip: !existsSync(CORPUS) && 'no ../shared/corpus here',
}, async (t) => {
  const site = await makeSite(t, {});
  const opened = await open(t, CORPUS, site.store);
  const synced = await opened.sync();
  assert.deepEqual(synced.problems, []);
  const snap = opened.site.snapshot();
  assert.equal(snap.posts.length, 31);
  assert.equal(snap.pages.length, 3);
  await buildSite({
    site: opened.site,
    routes: ROUTES,
    staticRoots: opened.staticRoots,
    destDir: site.dest,
  });
  for (const url of PUGO_URLS) assert.ok(existsSync(join(site.dest, url)), `${url} built`);
  const seed = await readFile(join(site.dest, PUGO_URLS[0]), 'utf8');
  const images = [...seed.matchAll(/<img[^>]+src="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(images.length, 4);
  for (const src of images) {
    assert.match(src, /^\/media\//);
    assert.ok(existsSync(join(site.dest, src)), `${src} copied`);
  }
  const running = await serve(t, opened);
  for (const path of [
    '/archive',
    '/about-me',
    '/friends',
    ...PUGO_URLS,
    '/tags/Go.html',
    '/feed.xml',
    '/atom.xml',
    '/feed.json',
    '/sitemap.xml',
  ]) {
    const res = await fetch(running.url + path);
    assert.equal(res.status, 200, path);
    await res.arrayBuffer();
  }
  for (const src of images) assert.equal((await fetch(running.url + src)).status, 200, src);
});

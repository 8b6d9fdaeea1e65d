// A real site in Pugo 2022's layout (../shared/corpus/veikr-com, still deployed with that
// version): every post and page built and served at the URL Pugo 2022 gave it.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import TOML from '@iarna/toml';
import { buildSite } from '../src/build/build.js';
import { ROUTES } from '../src/site/routes.js';
import { makeSite, open, REPO, serve } from './helpers.js';
import { expectedUrls, formatIndexHtml } from './site/pugo-2022-rules.js';

const VEIKR = resolve(REPO, '..', 'shared', 'corpus', 'veikr-com');

test('the veikr-com corpus builds and serves every post and page at its Pugo 2022 URL', {
  skip: !existsSync(VEIKR) && '../shared not here: no ../shared/corpus/veikr-com',
}, async (t) => {
  const config = TOML.parse(await readFile(join(VEIKR, 'config.toml'), 'utf8')) as {
    build: { post_link_format: string };
  };
  const expected = expectedUrls(VEIKR, config.build.post_link_format);
  assert.equal(expected.length, 64, '62 posts and 2 pages');
  const site = await makeSite(t, {});
  const opened = await open(t, VEIKR, site.store);
  const synced = await opened.sync();
  assert.deepEqual(synced.problems, []);
  const snap = opened.site.snapshot();
  assert.equal(snap.posts.length + snap.pages.length, expected.length);
  await buildSite({
    site: opened.site,
    routes: ROUTES,
    staticRoots: opened.staticRoots,
    destDir: site.dest,
  });
  const running = await serve(t, opened);
  for (const { source, link } of expected) {
    const file = join(site.dest, decodeURIComponent(formatIndexHtml(link)));
    assert.ok(existsSync(file), `${source} built at ${formatIndexHtml(link)}`);
    const res = await fetch(running.url + link);
    assert.equal(res.status, 200, `${source} served at ${link}`);
    await res.arrayBuffer();
  }
  for (const path of ['/', '/page/1/', '/archives/', '/about/', '/assets/cover.jpg']) {
    assert.equal((await fetch(running.url + path)).status, 200, path);
  }
});

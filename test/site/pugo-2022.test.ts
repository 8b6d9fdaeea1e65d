// A site in Pugo 2022's layout (test/fixtures/pugo-2022): read into the same SiteConfig, every
// post and page built and served at the URL Pugo 2022 gave it.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildSite } from '../../src/build/build.js';
import { loadConfig } from '../../src/config/load-config.js';
import { ROUTES } from '../../src/site/routes.js';
import { makeSite, open, serve } from '../helpers.js';
import { expectedUrls, formatIndexHtml, goPathEscape } from './pugo-2022-rules.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/pugo-2022/', import.meta.url));

test('config.toml is read into the same SiteConfig as meta.toml', async () => {
  const { config } = await loadConfig(FIXTURE);
  assert.equal(config.layout.name, 'pugo-2022');
  assert.equal(config.layout.postDir, 'content/posts');
  assert.deepEqual(config.layout.staticDirs, [{ prefix: '/assets/', dir: 'assets' }]);
  assert.equal(config.meta.title, 'Pugo 2022 fixture');
  assert.equal(config.meta.root, 'https://example.org');
  assert.equal(config.meta.keyword, 'pugo,fixture');
  assert.equal(config.build.postPageSize, 2);
  assert.equal(config.build.tagPageSize, 2, 'Pugo 2022 paged tags as it paged lists');
  assert.equal(config.links.post, '/{{.Date.Year}}/{{.Date.Month}}/{{.Slug}}/');
  assert.deepEqual(
    config.nav.map((n) => [n.title, n.link, n.blank]),
    [
      ['Home', '/', false],
      ['Archives', '/archives/', false],
      ['About', '/about/', false],
      ['GitHub', 'https://github.com/fuxiaohei/pugo', true],
    ],
  );
  assert.equal(config.authors[0].url, 'https://example.org');
});

test('a Pugo 2022 site builds and serves every post and page at its Pugo URL', async (t) => {
  const site = await makeSite(t, {});
  const opened = await open(t, FIXTURE, site.store);
  const synced = await opened.sync();
  assert.deepEqual(synced.problems, []);
  await buildSite({
    site: opened.site,
    routes: ROUTES,
    staticRoots: opened.staticRoots,
    destDir: site.dest,
  });
  const expected = expectedUrls(FIXTURE, '/{{.Date.Year}}/{{.Date.Month}}/{{.Slug}}/');
  const links = expected.map((e) => e.link).sort();
  const title = goPathEscape('Hello World 你好');
  assert.deepEqual(links, [
    '/2021/03/Hello%20World%20%E4%BD%A0%E5%A5%BD/',
    '/2021/11/second-post/',
    '/2022/01/toml-block/',
    '/about',
    '/notes.md',
  ]);
  assert.ok(links.includes(`/2021/03/${title}/`));
  const running = await serve(t, opened);
  for (const { source, link } of expected) {
    const file = join(site.dest, decodeURIComponent(formatIndexHtml(link)));
    assert.ok(existsSync(file), `${source} built at ${formatIndexHtml(link)}`);
    const res = await fetch(running.url + link);
    assert.equal(res.status, 200, `${source} served at ${link}`);
    assert.equal(Buffer.from(await res.arrayBuffer()).equals(await readFile(file)), true, link);
  }
  for (const path of [
    '/',
    '/page/1/',
    '/page/2/',
    '/archives/',
    '/tag/pugo/',
    '/tag/pugo/1/',
    '/tag/pugo/2/',
    `/tag/${encodeURIComponent('世界')}/`,
    '/assets/img/logo.svg',
  ]) {
    assert.equal((await fetch(running.url + path)).status, 200, path);
  }
  for (const path of ['/tag/pugo/3/', '/page/3/', '/2022/02/Not%20yet/']) {
    assert.equal((await fetch(running.url + path)).status, 404, path);
  }
  const home = await readFile(join(site.dest, 'index.html'), 'utf8');
  for (const href of ['/archives/', '/about/', 'https://github.com/fuxiaohei/pugo']) {
    assert.ok(home.includes(`href="${href}"`), `menu links to ${href}`);
  }
});

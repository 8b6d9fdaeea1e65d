// Search on the real Pugo site of ../shared/corpus/fuxiaohei-me, as its readers would use it:
// `内存`, `pprof` and `泄露` find the post about the memory leak, served by pugo and in the
// built site opened in headless Chromium, and both list the same posts in the same order.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { buildSite } from '../../src/build/build.js';
import { ROUTES } from '../../src/site/routes.js';
import { CORPUS, makeSite, open, serve } from '../helpers.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tools/lib/chromium.js';
import { startStaticServer } from '../tools/lib/static-server.js';

const LEAK_POST = '/2015/10/14/pugo-mem-leak-profile.html';
const QUERIES = ['内存', 'pprof', '泄露', 'Gopher China'];

const linksOf = (html: string) =>
  [...html.matchAll(/<h2 class="search-title"><a href="([^"]+)">/g)].map((m) => m[1]);

test('内存, pprof and 泄露 find the memory-leak post, served and in the built page in Chromium', {
  skip: !existsSync(CORPUS) && 'no ../shared/corpus here',
}, async (t) => {
  const s = await makeSite(t, {});
  const opened = await open(t, CORPUS, s.store);
  await opened.sync();
  const { url } = await serve(t, opened);
  const served = new Map<string, string[]>();
  const passages = (html: string) =>
    [...html.matchAll(/<p class="search-excerpt">(.*?)<\/p>/g)].map((m) => m[1]);
  const firstPassage = passages(await (await fetch(`${url}/search?q=内存`)).text())[0];
  for (const q of QUERIES) {
    const links = linksOf(await (await fetch(`${url}/search?q=${encodeURIComponent(q)}`)).text());
    served.set(q, links);
    if (q !== 'Gopher China') assert.equal(links[0], LEAK_POST, `served ${q}`);
  }
  assert.ok((served.get('Gopher China') ?? []).length >= 2);
  const { site, staticRoots } = opened;
  await buildSite({ site, routes: ROUTES, staticRoots, destDir: s.dest });
  if (!existsSync(CHROMIUM_PATH)) return t.skip('no chromium here (.ci/run installs it)');
  const host = await startStaticServer(s.dest);
  t.after(() => host.close());
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const failed: string[] = [];
  page.on('pageerror', (err) => failed.push(String(err)));
  for (const q of QUERIES) {
    await page.goto(new URL(`search.html?q=${encodeURIComponent(q)}`, host.root).href);
    await page.locator('.search-status').filter({ hasText: q }).waitFor({ timeout: 5000 });
    const links = await page
      .locator('.search-title a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    assert.deepEqual(links, served.get(q), `built ${q}: the same posts, in the same order`);
    assert.equal(await page.locator('#search-q').inputValue(), q);
    if (q === '内存') {
      // The passages come from the results' own pages, as they come into view.
      const mark = page.locator('.search-excerpt mark').first();
      await mark.waitFor({ timeout: 5000 });
      assert.equal(await mark.textContent(), '内存');
      // The same passage as the server's: the body's text, read by the browser and by pugo.
      const built = await page.locator('.search-excerpt').first().innerHTML();
      // (innerHTML writes a text's quotes as they are; pugo's passage escapes them.)
      assert.equal(built, firstPassage.replaceAll('&quot;', '"'));
    }
  }
  assert.deepEqual(failed, []);
});

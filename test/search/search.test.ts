// Search on a real store and server: the index the sync keeps, the served answers of
// /search?q=, queries refused with a 400, and the static index the build writes.
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/build/build.js';
import { createMemoryLogger } from '../../src/log.js';
import { ROUTES } from '../../src/site/routes.js';
import { LevelStore } from '../../src/store/level-store.js';
import { verifyStore } from '../../src/store/verify.js';
import { makeSite, open, post, rawRequest, serve } from '../helpers.js';

const body = (title: string, date: string, text: string, extra = '') =>
  `\`\`\`toml\ntitle = ${JSON.stringify(title)}\ndate = "${date}"\nauthor = "ann"\n${extra}\`\`\`\n\n${text}\n`;

const FILES = {
  'post/leak.md': body(
    'PuGo 一次内存泄露的调优',
    '2015-10-14',
    '服务器的内存从 14MB 涨到 228 MB。用 `go tool pprof` 看 heap?debug=1 就知道了。',
  ),
  'post/http.md': body('Go HTTP server', '2016-01-02', 'The net/http server and its memory use.'),
  'post/draft.md': body('Hidden draft', '2016-02-01', 'A secret pprof note.', 'draft = true\n'),
  'page/about.md': '```toml\ntitle = "About"\n```\n\nWho writes about pprof here.\n',
};

/** The titles of a results page, in order. */
const titles = (html: string) =>
  [...html.matchAll(/<h2 class="search-title"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);

const ask = async (url: string, q: string) =>
  (await fetch(`${url}/search?q=${encodeURIComponent(q)}`)).text();

test('/search?q= answers from the store: CJK and Latin words, ranked, with marked passages', async (t) => {
  const s = await makeSite(t, FILES);
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  const { url } = await serve(t, opened);
  const leak = await ask(url, '内存');
  assert.deepEqual(titles(leak), ['PuGo 一次内存泄露的调优']);
  assert.match(leak, /服务器的<mark>内存<\/mark>从/);
  assert.match(leak, /“内存”: 1|1 found for “内存”/);
  assert.deepEqual(titles(await ask(url, '泄露')), ['PuGo 一次内存泄露的调优']);
  // A page is found too; a draft is not.
  assert.deepEqual(titles(await ask(url, 'pprof')).sort(), ['About', 'PuGo 一次内存泄露的调优']);
  // Every word must match; a word finds the words it starts.
  assert.deepEqual(titles(await ask(url, 'memory http')), ['Go HTTP server']);
  assert.deepEqual(titles(await ask(url, 'serv')), ['Go HTTP server']);
  assert.match(await ask(url, 'nothing-like-this'), /Nothing found for “nothing-like-this”/);
  // The same page at /search.html; the query shows in its box and its title.
  const html = await (await fetch(`${url}/search.html?q=pprof`)).text();
  assert.match(html, /<title>Search: pprof/);
  assert.match(html, /<input id="search-q" type="search" name="q" value="pprof"/);
  assert.match(html, /data-answered="true"/);
});

test('a saved post is found at once; a deleted one is not; the store stays consistent', async (t) => {
  const s = await makeSite(t, FILES);
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  const { url } = await serve(t, opened);
  assert.deepEqual(titles(await ask(url, 'goroutine')), []);
  await writeFile(
    join(s.content, 'post/http.md'),
    body('Go HTTP server', '2016-01-02', 'Each request runs on its own goroutine.'),
  );
  await opened.sync();
  assert.deepEqual(titles(await ask(url, 'goroutine')), ['Go HTTP server']);
  assert.deepEqual(titles(await ask(url, 'memory')), [], 'the edit took the word out');
  await rm(join(s.content, 'post/http.md'));
  await opened.sync();
  assert.deepEqual(titles(await ask(url, 'goroutine')), []);
  await opened.close();
  const store = await LevelStore.open(s.store, createMemoryLogger());
  t.after(() => store.close());
  assert.deepEqual(await verifyStore(store, s.content), []);
  const terms = await store.searchTerms();
  assert.deepEqual([...terms.keys()].sort(), ['page/about.md', 'post/draft.md', 'post/leak.md']);
  const leak = terms.get('post/leak.md')?.terms ?? [];
  assert.ok((leak[leak.indexOf('内存') + 1] as number) >= 5, 'in the title and the body');
});

test('hostile queries get a 400 saying why, never a 500; answers are not cached', async (t) => {
  const s = await makeSite(t, FILES);
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  const { url, cache } = await serve(t, opened);
  const status = async (query: string) => {
    const res = await rawRequest(url, `/search?${query}`);
    return `${res.status} ${res.body.toString().trim()}`;
  };
  assert.equal(
    await status(`q=${'x'.repeat(300)}`),
    '400 bad request: the query q is longer than 200 characters',
  );
  assert.equal(
    await status('q=%FF%FE'),
    '400 bad request: the query q is not percent-encoded UTF-8',
  );
  assert.equal(await status('q=a&q=b'), '400 bad request: the query names q more than once');
  const many = Array.from({ length: 30 }, (_, i) => `w${i}`).join('+');
  assert.match(await status(`q=${many}`), /^400 bad request: the query q has more than 24 words/);
  // One character repeated is one word; a CJK sentence is one word for each pair in it.
  assert.match(await status(`q=${encodeURIComponent('内'.repeat(200))}`), /^200 /);
  const sentence = '服务器的内存从十四涨到两百多用工具看堆就知道了原因是框架的池子从来不还';
  assert.match(await status(`q=${encodeURIComponent(sentence)}`), /^400 .*more than 24 words/);
  assert.match(await status('q=%3Cscript%3Ealert(1)%3C%2Fscript%3E'), /^200 /);
  const xss = await ask(url, '<script>alert(1)</script>');
  assert.doesNotMatch(xss, /<script>alert/);
  const res = await fetch(`${url}/search?q=pprof`);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.equal(res.headers.get('etag'), null);
  assert.equal(cache.figures().entries, 0, 'no answer was kept');
});

test('the build writes /search.html, the same bytes the server sends, and a static index', async (t) => {
  const s = await makeSite(t, FILES);
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  const { url } = await serve(t, opened);
  const { site, staticRoots } = opened;
  await buildSite({ site, routes: ROUTES, staticRoots, destDir: s.dest });
  const built = await readFile(join(s.dest, 'search.html'), 'utf8');
  assert.equal(built, await (await fetch(`${url}/search.html`)).text());
  assert.match(built, /data-answered="false"/);
  assert.match(built, /<script src="\/search\/search.js" defer><\/script>/);
  const docs = JSON.parse(await readFile(join(s.dest, 'search/docs.json'), 'utf8'));
  assert.deepEqual(
    docs.docs.map((d: unknown[]) => [d[0], d[1], d[3]]),
    [
      ['/2016/1/2/http.html', 'Go HTTP server', '2016-01-02'],
      ['/2015/10/14/leak.html', 'PuGo 一次内存泄露的调优', '2015-10-14'],
      ['/about.html', 'About', ''],
    ],
  );
  // The pair 内存 is in the file of its first character, with the leak post (number 1, the
  // step from none before it).
  const shard = ('内'.codePointAt(0) ?? 0) % docs.shards;
  const terms = JSON.parse(await readFile(join(s.dest, `search/terms/${shard}.json`), 'utf8'));
  assert.equal(terms.内存[0], 1);
  // What the server answers for the script is what the build wrote.
  for (const file of ['search/docs.json', `search/terms/${shard}.json`, 'search/search.js']) {
    assert.equal(
      await (await fetch(`${url}/${file}`)).text(),
      await readFile(join(s.dest, file), 'utf8'),
    );
  }
  // The search page is no entry of the sitemap; every page has the header's search form.
  assert.doesNotMatch(await readFile(join(s.dest, 'sitemap.xml'), 'utf8'), /search/);
  assert.match(
    await readFile(join(s.dest, 'index.html'), 'utf8'),
    /<form class="site-search" role="search" action="\/search.html" method="get">/,
  );
});

test('a 404 offers a search for the words of the path it was asked', async (t) => {
  const s = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  const { url } = await serve(t, opened);
  const html = await (await fetch(`${url}/2015/10/14/memory-leak_profile.html`)).text();
  assert.match(html, /<input id="search-q" type="search" name="q" value="memory leak profile"/);
});

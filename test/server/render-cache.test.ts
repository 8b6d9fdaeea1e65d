// The render cache and what rides on it: ETags and 304s, Last-Modified, HEAD, brotli and gzip
// made once per page, eviction by bytes, and invalidation after an edit.

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { RenderCache } from '../../src/server/render-cache.js';
import { qualityOf } from '../../src/server/send-page.js';
import { makeSite, open, post, type RawAnswer, rawRequest, serve } from '../helpers.js';

type Answer = RawAnswer;

const get = (base: string, path: string, headers: Record<string, string> = {}, method = 'GET') =>
  rawRequest(base, path, { headers, method });

const LONG = `${'Words enough to be worth compressing. '.repeat(60)}\n`;
/** c's own words: shared with a, they would make a related post of it (a's title on c's page). */
const LONG_C = `${'Sentences about other matters entirely. '.repeat(60)}\n`;

async function site(t: Parameters<typeof makeSite>[0]) {
  const s = await makeSite(t, {
    'post/a.md': post('A', '2020-01-01', ['x']) + LONG,
    'post/b.md': post('B', '2020-01-02', ['y']) + LONG,
    'post/c.md': post('C', '2020-01-03', ['y']) + LONG_C,
  });
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  return { ...s, opened, running: await serve(t, opened) };
}

test('a page has a strong ETag and Last-Modified, and answers 304 to either validator', async (t) => {
  const { running } = await site(t);
  const first = await get(running.url, '/2020/1/1/a.html');
  assert.equal(first.status, 200);
  const etag = String(first.headers.etag);
  assert.match(etag, /^"[^"]+"$/, 'strong, quoted');
  assert.equal(first.headers['cache-control'], 'public, max-age=0, must-revalidate');
  assert.match(String(first.headers.vary), /Accept-Encoding/);
  assert.equal(Number(first.headers['content-length']), first.body.length);
  const byEtag = await get(running.url, '/2020/1/1/a.html', { 'If-None-Match': etag });
  assert.equal(byEtag.status, 304);
  assert.equal(byEtag.body.length, 0);
  const lastModified = String(first.headers['last-modified']);
  const byDate = await get(running.url, '/2020/1/1/a.html', { 'If-Modified-Since': lastModified });
  assert.equal(byDate.status, 304);
  const stale = await get(running.url, '/2020/1/1/a.html', { 'If-None-Match': '"other"' });
  assert.equal(stale.status, 200);
});

test('Accept-Encoding q-values are read by name, then *, and 0 refuses', () => {
  assert.equal(qualityOf('gzip, br;q=0.8', 'br'), 0.8);
  assert.equal(qualityOf('gzip, br;q=0.8', 'gzip'), 1);
  assert.equal(qualityOf('*;q=0.3', 'br'), 0.3);
  assert.equal(qualityOf('br;q=0, *', 'br'), 0);
  assert.equal(qualityOf('identity', 'gzip'), 0);
});

test('HEAD answers with the headers GET would, and no body', async (t) => {
  const { running } = await site(t);
  const getA = await get(running.url, '/');
  const head = await get(running.url, '/', {}, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  assert.equal(head.headers.etag, getA.headers.etag);
  assert.equal(head.headers['content-length'], getA.headers['content-length']);
});

test('brotli and gzip by Accept-Encoding and its q-values, each decoding to the same page', async (t) => {
  const { running } = await site(t);
  const plain = await get(running.url, '/2020/1/1/a.html', { 'Accept-Encoding': 'identity' });
  assert.equal(plain.headers['content-encoding'], undefined);
  const br = await get(running.url, '/2020/1/1/a.html', { 'Accept-Encoding': 'gzip, deflate, br' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.ok(brotliDecompressSync(br.body).equals(plain.body));
  assert.ok(br.body.length < plain.body.length / 2);
  const gz = await get(running.url, '/2020/1/1/a.html', {
    'Accept-Encoding': 'gzip;q=1, br;q=0.5',
  });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(gunzipSync(gz.body).equals(plain.body));
  const noBr = await get(running.url, '/2020/1/1/a.html', { 'Accept-Encoding': 'br;q=0, gzip' });
  assert.equal(noBr.headers['content-encoding'], 'gzip');
  assert.notEqual(br.headers.etag, gz.headers.etag, 'each representation has its own ETag');
  const again = await get(running.url, '/2020/1/1/a.html', {
    'Accept-Encoding': 'br',
    'If-None-Match': String(br.headers.etag),
  });
  assert.equal(again.status, 304);
});

test('a page is compressed once and then served from the cache', async (t) => {
  const { running } = await site(t);
  for (let i = 0; i < 5; i++)
    await get(running.url, '/2020/1/2/b.html', { 'Accept-Encoding': 'br' });
  const figures = running.cache.figures();
  assert.equal(figures.misses, 1);
  assert.equal(figures.hits, 4);
});

test('the cache is bounded in bytes and evicts the least recently used', () => {
  const cache = new RenderCache(10_000);
  // Not compressible, so each is kept as put, at its size.
  const page = (n: number) => ({
    status: 200 as const,
    type: 'image/png',
    body: Buffer.alloc(n, 97),
  });
  cache.put('/a', page(4000));
  cache.put('/b', page(4000));
  cache.get('/a');
  cache.put('/c', page(4000)); // full: the first page that misses then is kept
  assert.ok(cache.get('/a'), 'recently used stays');
  assert.equal(cache.get('/b'), undefined, 'least recently used goes');
  const f = cache.figures();
  assert.ok(f.bytes <= 10_000);
  assert.equal(f.evictions, 1);
  cache.put('/huge', page(20_000));
  assert.equal(cache.get('/huge'), undefined, 'a page larger than the cache is not kept');
  assert.equal(new RenderCache(0).put('/x', page(10)).length, 10, 'size 0: nothing kept');
});

test('a site larger than the cache, read end to end again and again, still gets hits', () => {
  const cache = new RenderCache(10 * 1000);
  const body = Buffer.alloc(1000, 97);
  const paths = Array.from({ length: 20 }, (_, i) => `/p${i}.html`);
  let hits = 0;
  for (let pass = 0; pass < 20; pass++) {
    for (const path of paths) {
      if (cache.get(path)) hits++;
      else cache.put(path, { status: 200, type: 'text/html', body });
    }
  }
  // Plain LRU hits none of a cycle twice its size; half the site fits, so about half can hit.
  assert.ok(hits / (20 * 20) > 0.35, `hit rate ${hits / 400}`);
  assert.ok(cache.figures().bytes <= 10 * 1000);
});

test('after an edit the edited post changes and an unrelated post keeps its ETag', async (t) => {
  const { running, opened, content } = await site(t);
  const a1 = await get(running.url, '/2020/1/1/a.html');
  // Not b: it links to a as its older neighbour, so a's new title changes b's page too.
  const c1 = await get(running.url, '/2020/1/3/c.html');
  await writeFile(join(content, 'post/a.md'), post('A edited', '2020-01-01', ['x']) + LONG);
  await opened.sync();
  const a2 = await get(running.url, '/2020/1/1/a.html');
  const c2 = await get(running.url, '/2020/1/3/c.html');
  const b2 = await get(running.url, '/2020/1/2/b.html');
  assert.match(a2.body.toString(), /A edited/);
  assert.match(b2.body.toString(), /A edited/);
  assert.notEqual(a2.headers.etag, a1.headers.etag);
  assert.equal(c2.headers.etag, c1.headers.etag);
});

test('an edit drops only the pages showing it: its page, neighbour, lists, tag page, feeds', async (t) => {
  const { running, opened, content } = await site(t);
  const urls = [
    '/2020/1/1/a.html',
    '/2020/1/2/b.html',
    '/2020/1/3/c.html',
    '/',
    '/posts/2.html',
    '/tags/x.html',
    '/tags/y.html',
    '/feed.xml',
    '/atom.xml',
    '/archive.html',
  ];
  const before = new Map<string, Answer>();
  for (const url of urls) before.set(url, await get(running.url, url));
  for (const url of urls) assert.equal(before.get(url)?.status, 200, url);
  const kept = () => urls.filter((url) => running.cache.get(url) !== undefined);
  assert.deepEqual(kept(), urls, 'every page is cached');

  // A new title for a: it shows on its page, b's newer/older link, the list page showing its
  // card (two posts a page: not the home page), the archive and feeds, tag x.
  await writeFile(join(content, 'post/a.md'), post('A edited', '2020-01-01', ['x']) + LONG);
  await opened.sync();
  opened.site.snapshot();
  assert.deepEqual(kept(), ['/2020/1/3/c.html', '/', '/tags/y.html']);
  for (const url of ['/posts/2.html', '/tags/x.html', '/feed.xml', '/atom.xml', '/archive.html']) {
    const after = await get(running.url, url);
    assert.match(after.body.toString(), /A edited/, url);
    assert.notEqual(after.headers.etag, before.get(url)?.headers.etag, url);
  }
  assert.equal(running.cache.figures().dropped, 7);

  // Only c's body past its summary (same word count): its page and the feeds, which carry
  // bodies; not the lists or tag pages.
  for (const url of urls) await get(running.url, url);
  await writeFile(
    join(content, 'post/c.md'),
    post('C', '2020-01-03', ['y']) + LONG_C.toUpperCase(),
  );
  await opened.sync();
  opened.site.snapshot();
  assert.deepEqual(
    urls.filter((url) => running.cache.get(url) === undefined),
    ['/2020/1/3/c.html', '/feed.xml', '/atom.xml'],
  );
});

test('a page rendered while a sync lands is answered but not kept', () => {
  const cache = new RenderCache(10_000);
  const page = { status: 200 as const, type: 'text/html', body: Buffer.from('old'), deps: [] };
  const epoch = cache.epoch;
  cache.invalidate(new Set(['page:/a']));
  assert.equal(cache.put('/a', page, { epoch }).made.identity?.toString(), 'old');
  assert.equal(cache.get('/a'), undefined);
});

test('static files: validators and 304s, text compressed, images not, big files streamed', async (t) => {
  const s = await makeSite(t, {
    'post/a.md': post('A', '2020-01-01'),
    'media/pic.png': Buffer.alloc(4096, 1),
    'media/big.bin': Buffer.alloc(1.5 * 1024 * 1024, 2),
  });
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  const running = await serve(t, opened);
  const css = await get(running.url, '/css/style.css', { 'Accept-Encoding': 'br' });
  assert.equal(css.status, 200);
  assert.equal(css.headers['content-encoding'], 'br');
  assert.match(String(css.headers['content-type']), /text\/css/);
  const again = await get(running.url, '/css/style.css', {
    'Accept-Encoding': 'br',
    'If-None-Match': String(css.headers.etag),
  });
  assert.equal(again.status, 304);
  const png = await get(running.url, '/media/pic.png', { 'Accept-Encoding': 'br, gzip' });
  assert.equal(png.headers['content-encoding'], undefined, 'an image is not compressed again');
  assert.equal(png.body.length, 4096);
  const big = await get(running.url, '/media/big.bin');
  assert.equal(big.body.length, 1.5 * 1024 * 1024);
  assert.match(String(big.headers.etag), /^W\//);
  const bigAgain = await get(running.url, '/media/big.bin', {
    'If-None-Match': String(big.headers.etag),
  });
  assert.equal(bigAgain.status, 304);
});

test('regression: compressed variants count against cache_bytes', async () => {
  const cache = new RenderCache(1 << 20);
  const body = Buffer.from(LONG.repeat(20));
  const page = cache.put('/a', { status: 200, type: 'text/html', body });
  const plain = cache.take('/a', page, 'identity');
  // Kept once brotli is made; gzip made before that would be answered and not kept.
  const br = await cache.take('/a', page, 'br');
  const gz = await cache.take('/a', page, 'gzip');
  assert.ok(Buffer.isBuffer(plain));
  assert.equal(cache.figures().bytes, body.length + br.length + gz.length);
  assert.deepEqual(cache.figures().bytesByCoding, {
    identity: body.length,
    br: br.length,
    gzip: gz.length,
  });
  assert.equal(cache.get('/a'), page, 'still kept, with its variants');
});

test('a page only browsers ask for is kept as brotli alone; plain and gzip are made from it', async () => {
  const cache = new RenderCache(1 << 20);
  const body = Buffer.from(LONG.repeat(20));
  const page = cache.put('/a', { status: 200, type: 'text/html', body });
  const br = await cache.take('/a', page, 'br');
  assert.deepEqual(Object.keys(page.made), ['br'], 'the plain bytes no one was sent are let go');
  assert.equal(cache.figures().bytes, br.length);
  assert.ok((await cache.take('/a', page, 'identity')).equals(body), 'plain made back from brotli');
  const gz = await cache.take('/a', page, 'gzip');
  assert.ok(gunzipSync(gz).equals(body));
  assert.ok(brotliDecompressSync(br).equals(body));
  assert.equal(cache.figures().bytes, br.length + body.length + gz.length);
  assert.ok(cache.figures().codings >= 3);
});

test('regression: plain and gzip made from brotli are kept only where they fit, never evicting a page', async () => {
  // A cache that holds three pages as brotli but the plain bytes (13.7 KB) of only one: before,
  // a client sending no Accept-Encoding evicted a page per request, which was rendered again.
  const bodies = ['a', 'b', 'c'].map((name) => Buffer.from(`${name} ${LONG.repeat(6)}`));
  const cache = new RenderCache(20_000);
  const pages = [];
  for (const [i, body] of bodies.entries()) {
    const page = cache.put(`/${i}`, { status: 200, type: 'text/html', body });
    await cache.take(`/${i}`, page, 'br');
    pages.push(page);
  }
  assert.equal(cache.figures().entries, 3, 'all three kept as brotli');
  for (const [i, page] of pages.entries()) {
    const plain = await cache.take(`/${i}`, page, 'identity');
    assert.ok(plain.equals(bodies[i]), 'the plain bytes, made from brotli');
    assert.ok(gunzipSync(await cache.take(`/${i}`, page, 'gzip')).equals(bodies[i]));
  }
  const figures = cache.figures();
  assert.equal(figures.evictions, 0, 'no page evicted for a form made from brotli');
  assert.equal(figures.entries, 3);
  assert.equal(
    figures.bytesByCoding.identity,
    bodies[0].length,
    'one page kept plain: room for one',
  );
  assert.equal(figures.notKept, 2, 'the other two made and let go (the gzip forms fit)');
  assert.ok(figures.bytes <= cache.maxBytes);
  for (const i of [0, 1, 2]) assert.ok(cache.get(`/${i}`), `page ${i} still kept`);
});

test('regression: a page rendered for a plain client is kept as brotli, so a site larger than the cache in plain still fits', async () => {
  // Three pages of 13.7 KB plain, a cache of 20 KB: kept plain, they evicted each other, and each
  // request was a render; kept as brotli (made as a page is kept) all three stay.
  const bodies = ['a', 'b', 'c'].map((name) => Buffer.from(`${name} ${LONG.repeat(6)}`));
  const cache = new RenderCache(20_000);
  for (let pass = 0; pass < 2; pass++) {
    for (const [i, body] of bodies.entries()) {
      const page =
        cache.get(`/${i}`) ?? cache.put(`/${i}`, { status: 200, type: 'text/html', body });
      assert.ok((await cache.take(`/${i}`, page, 'identity')).equals(body));
      await cache.form(`/${i}`, page, 'br');
    }
  }
  const figures = cache.figures();
  assert.equal(figures.misses, 3, 'each page rendered once');
  assert.equal(figures.hits, 3);
  assert.equal(figures.entries, 3);
  assert.equal(figures.evictions, 0);
  assert.ok(figures.bytes <= cache.maxBytes);
});

test('spare forms (plain and gzip beside brotli) are let go before any page is evicted', async () => {
  const cache = new RenderCache(20_000);
  const body = Buffer.from(`a ${LONG.repeat(6)}`);
  const page = cache.put('/a', { status: 200, type: 'text/html', body });
  cache.take('/a', page, 'identity');
  await cache.form('/a', page, 'br');
  assert.ok(page.made.identity, 'plain kept beside brotli while it fits');
  const image = { status: 200 as const, type: 'image/png', body: Buffer.alloc(10_000, 1) };
  cache.put('/b.png', image);
  const figures = cache.figures();
  assert.equal(figures.entries, 2, 'both kept');
  assert.equal(figures.evictions, 0);
  assert.equal(page.made.identity, undefined, "the page's plain bytes made the room");
  assert.ok((await cache.take('/a', page, 'identity')).equals(body), 'and are made again');
});

test('regression: requests that miss the same page at once render it once', async (t) => {
  const { running } = await site(t);
  // Every render ends in one put: count them.
  let puts = 0;
  const put = running.cache.put.bind(running.cache);
  running.cache.put = (...args) => {
    puts++;
    return put(...args);
  };
  const asks = ['br', 'gzip', 'identity', 'br', 'gzip', 'identity'].map((coding) =>
    get(running.url, '/2020/1/3/c.html', { 'Accept-Encoding': coding }),
  );
  const answers = await Promise.all(asks);
  for (const a of answers) assert.equal(a.status, 200);
  assert.equal(puts, 1, 'one render; the others waited for it');
  assert.equal(running.cache.figures().entries, 1);
});

// The server: Pugo's URLs, extensionless links, static files, the themed 404 and hostile paths.

import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { alternativesOf } from '../../src/server/app.js';
import { makeSite, open, post, serve } from '../helpers.js';

async function site(t: Parameters<typeof makeSite>[0]) {
  const s = await makeSite(t, {
    'post/hello.md': post('Hello', '2015-10-04 22:58:13', ['Go', '中文']),
    'post/two.md': post('Two', '2015-10-05', ['go']),
    'post/three.md': post('Three', '2015-10-06'),
    'page/about-me.md': '```toml\ntitle = "About"\n```\n\nAbout me.\n',
    'media/pic.png': Buffer.from('89504e470d0a1a0a', 'hex'),
  });
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  return serve(t, opened);
}

/** A raw GET that sends the path exactly as given (fetch would normalise dot segments). */
function rawGet(
  base: string,
  path: string,
  method = 'GET',
): Promise<{ status: number; type: string; body: string; headers: Record<string, unknown> }> {
  const { hostname, port } = new URL(base);
  return new Promise((ok, fail) => {
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () =>
        ok({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type']),
          body,
          headers: res.headers,
        }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

test('extensionless paths try .html, then the folder page; a name with a dot tries its folder', () => {
  assert.deepEqual(alternativesOf('/about-me'), [
    '/about-me.html',
    '/about-me/',
    '/about-me/index.html',
  ]);
  assert.deepEqual(alternativesOf('/x/'), ['/x/index.html', '/x.html']);
  assert.deepEqual(alternativesOf('/notes.md'), ['/notes.md/']);
  assert.deepEqual(alternativesOf('/about/index.html'), ['/about/']);
  assert.deepEqual(alternativesOf('/'), []);
});

test("every kind of URL answers at Pugo's address", async (t) => {
  const s = await site(t);
  const cases: [string, number, RegExp][] = [
    ['/', 200, /text\/html/],
    ['/index.html', 200, /text\/html/],
    ['/posts/2.html', 200, /text\/html/],
    ['/2015/10/4/hello.html', 200, /text\/html/],
    ['/about-me.html', 200, /text\/html/],
    ['/about-me', 200, /text\/html/],
    ['/about-me/', 200, /text\/html/],
    ['/archive', 200, /text\/html/],
    ['/tags/Go.html', 200, /text\/html/],
    ['/tags/go.html', 200, /text\/html/],
    ['/tags/%E4%B8%AD%E6%96%87.html', 200, /text\/html/],
    ['/feed.xml', 200, /rss\+xml/],
    ['/atom.xml', 200, /atom\+xml/],
    ['/feed.json', 200, /feed\+json/],
    ['/sitemap.xml', 200, /xml/],
    ['/css/style.css', 200, /text\/css/],
    ['/favicon.ico', 200, /icon/],
    ['/robots.txt', 200, /text\/plain/],
    ['/media/pic.png', 200, /image\/png/],
    ['/posts/1.html', 200, /text\/html/],
    ['/posts/9.html', 404, /text\/html/],
    ['/2015/10/4/nope.html', 404, /text\/html/],
    ['/tags/nope.html', 404, /text\/html/],
  ];
  for (const [path, status, type] of cases) {
    const res = await rawGet(s.url, path);
    assert.equal(res.status, status, path);
    assert.match(res.type, type, path);
  }
});

test('the 404 page is themed and no stack reaches the client', async (t) => {
  const s = await site(t);
  const res = await rawGet(s.url, '/no/such/page');
  assert.equal(res.status, 404);
  assert.match(res.body, /<html/);
  assert.doesNotMatch(res.body, /at .*\.js:\d+/);
});

test('paths that try to leave a root never read outside it', async (t) => {
  const s = await site(t);
  const hostile = [
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/media/..%2f..%2fmeta.toml',
    '/media/%2e%2e/meta.toml',
    '/css/..%5c..%5cmeta.toml',
    '/media\\..\\meta.toml',
    '/%00',
    '/media/pic.png%00',
    '/%E0%A4%A',
    '/media/../meta.toml',
    '/..%2fmeta.toml',
  ];
  for (const path of hostile) {
    const res = await rawGet(s.url, path);
    assert.ok(res.status === 400 || res.status === 404, `${path} → ${res.status}`);
    assert.doesNotMatch(res.body, /\[meta\]|root:/, path);
  }
});

test('HEAD answers like GET without a body; other methods get 405 with Allow', async (t) => {
  const s = await site(t);
  const head = await rawGet(s.url, '/', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  const post_ = await rawGet(s.url, '/', 'POST');
  assert.equal(post_.status, 405);
  assert.equal(post_.headers.allow, 'GET, HEAD');
});

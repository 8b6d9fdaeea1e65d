// Hostile requests on the site's port: oversized URLs and headers, slow senders, other methods,
// and the security headers every answer carries.

import assert from 'node:assert/strict';
import { symlink } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { createMemoryLogger } from '../../src/log.js';
import { createApp } from '../../src/server/app.js';
import { LIMITS, listen } from '../../src/server/listen.js';
import { contentSecurityPolicy } from '../../src/server/security-headers.js';
import { ROUTES } from '../../src/site/routes.js';
import { makeSite, open, post, serve } from '../helpers.js';

/** Writes `request` on a raw socket and resolves with everything the server sends until it closes. */
function raw(
  url: string,
  request: string | Buffer,
  opts: { slowMs?: number } = {},
): Promise<string> {
  const { port } = new URL(url);
  return new Promise((ok, fail) => {
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.on('data', (c) => {
      answer += c.toString('latin1');
    });
    socket.on('close', () => ok(answer));
    socket.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'ECONNRESET' || err.code === 'EPIPE' ? ok(answer) : fail(err),
    );
    if (opts.slowMs) {
      // A slow sender: one byte of the request line, then nothing.
      socket.write(request.slice(0, 1));
      return;
    }
    socket.end(request);
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);

async function site(t: Parameters<typeof makeSite>[0]) {
  const s = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  return { opened, running: await serve(t, opened) };
}

test('a URL over 8 KiB gets 414, and one past the parser limit too; huge headers get 431', async (t) => {
  const { running } = await site(t);
  const long = (n: number) =>
    `GET /${'a'.repeat(n)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;
  assert.equal(statusOf(await raw(running.url, long(10_000))), 414);
  assert.equal(statusOf(await raw(running.url, long(60_000))), 414);
  const header = `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\nConnection: close\r\n\r\n`;
  assert.equal(statusOf(await raw(running.url, header)), 431);
  assert.equal((await fetch(`${running.url}/2020/1/1/a.html`)).status, 200, 'still serving');
});

test('a slow sender is answered 408 and dropped after the headers timeout', async (t) => {
  const s = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  const { app } = createApp({
    site: opened.site,
    routes: ROUTES,
    staticRoots: opened.staticRoots,
    poolSize: 2,
    cacheBytes: 1 << 20,
    log: createMemoryLogger(),
  });
  const limits = { ...LIMITS, headersTimeoutMs: 300, requestTimeoutMs: 600, checkIntervalMs: 100 };
  const running = await listen(app, '127.0.0.1', 0, limits);
  t.after(() => running.stop());
  const started = Date.now();
  const answer = await raw(running.url, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', { slowMs: 1 });
  assert.equal(statusOf(answer), 408);
  assert.ok(Date.now() - started < 3000, 'dropped within the limit');
});

test('methods other than GET and HEAD get 405 with Allow; bad percent-encoding gets 400', async (t) => {
  const { running } = await site(t);
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND']) {
    const answer = await raw(
      running.url,
      `${method} / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    assert.equal(statusOf(answer), 405, method);
    assert.match(answer, /\r\nAllow: GET, HEAD\r\n/i);
  }
  for (const path of ['/%', '/%zz', '/%E0%A4%A', '/a%2f..%2f..%2fetc%2fpasswd', '/%c0%ae%c0%ae/']) {
    assert.equal((await fetch(`${running.url}${path}`)).status, 400, path);
  }
});

test('every answer carries the security headers, and the default theme keeps to its policy', async (t) => {
  const { running, opened } = await site(t);
  for (const path of ['/', '/2020/1/1/a.html', '/nope', '/%zz', '/css/style.css', '/feed.xml']) {
    const res = await fetch(`${running.url}${path}`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', path);
    assert.equal(res.headers.get('content-security-policy'), contentSecurityPolicy(opened.config));
  }
  const csp = contentSecurityPolicy(opened.config);
  assert.match(csp, /script-src 'self'(;|$)/, 'scripts from the site only');
  assert.match(csp, /object-src 'none'/);
  const page = await (await fetch(`${running.url}/2020/1/1/a.html`)).text();
  // JSON-LD is a data block, which no browser runs and no policy blocks.
  assert.match(page, /<script type="application\/ld\+json">\{/);
  assert.doesNotMatch(
    page,
    /<script>|<script (?!type="application\/ld\+json")[^>]*>[^<]/,
    'no inline script for the policy to block',
  );
  assert.doesNotMatch(page, /\son[a-z]+="/, 'no inline event handler');
});

test("regression: a link to a sibling folder named like the root ('media-old') is not served", async (t) => {
  const s = await makeSite(t, {
    'post/a.md': post('A', '2020-01-01'),
    'media/pic.png': Buffer.alloc(16, 1),
    'media-old/secret.txt': 'secret',
  });
  await symlink(join(s.content, 'media-old'), join(s.content, 'media', 'old'));
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  const running = await serve(t, opened);
  assert.equal((await fetch(`${running.url}/media/pic.png`)).status, 200);
  assert.equal((await fetch(`${running.url}/media/old/secret.txt`)).status, 404);
});

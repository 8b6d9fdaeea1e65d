// Who may reach the debug listener and what it refuses: the loopback rule, the bearer token, one
// snapshot at a time, Go's 400s and 404s, and no debug route on the site's own port.

import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULTS } from '../../src/config/defaults.js';
import { DIST_DIR, startDebugListener } from '../../src/debug/listener.js';
import { GO_MESSAGES } from '../../src/debug/pprof/go-errors.js';
import { createMemoryLogger } from '../../src/log.js';
import { makeSite, open, post, serve } from '../helpers.js';
import { debugConfig, get, getHeld, NO_SITE, startDebug } from './helpers.js';

const TOKEN = 'a-long-random-token-0123456789';

function startOn(host: string, token = '') {
  return startDebugListener({
    config: debugConfig({ host, token }),
    sources: NO_SITE,
    log: createMemoryLogger(),
    distDir: DIST_DIR,
    maxProfileSeconds: DEFAULTS.maxProfileSeconds,
  });
}

function assertGoError(res: { status: number; headers: Headers; text: string }, status: number) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.headers.get('x-go-pprof'), '1');
  assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
}

test('bound to a non-loopback address without a token, the listener refuses to start', async () => {
  for (const host of ['0.0.0.0', '::', '192.0.2.10', 'example.test']) {
    await assert.rejects(startOn(host), { code: 'PUGO_DEBUG_EXPOSED' }, host);
  }
});

test('with a token, every request needs Authorization: Bearer <token>, else 401', async (t) => {
  const debug = await startOn('0.0.0.0', TOKEN);
  t.after(() => debug.stop());
  const url = debug.url.replace('0.0.0.0', '127.0.0.1');
  const wrong: Record<string, string>[] = [
    {},
    { Authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
    { Authorization: `Bearer ${TOKEN}0` },
    { Authorization: `Bearer ${TOKEN.slice(0, 4)}` },
    { Authorization: `bearer ${TOKEN}` },
    { Authorization: TOKEN },
    { Authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` },
  ];
  for (const path of ['/debug/vars', '/debug/pprof/heap', '/debug/pprof/heapsnapshot', '/debug/']) {
    for (const headers of wrong) {
      const res = await get(url + path, headers);
      assertGoError(res, 401);
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer /);
    }
  }
  const ok = await get(`${url}/debug/vars`, { Authorization: `Bearer ${TOKEN}` });
  assert.equal(ok.status, 200);
  assert.equal(JSON.parse(ok.text).process.pid, process.pid);
  const heap = await get(`${url}/debug/pprof/heap`, { Authorization: `Bearer ${TOKEN}` });
  assert.equal(heap.status, 200);
});

test('on loopback a token is still required when one is set', async (t) => {
  const debug = await startDebug(t, { token: TOKEN });
  assertGoError(await get(`${debug.url}/debug/pprof/`), 401);
  const ok = await get(`${debug.url}/debug/pprof/`, { Authorization: `Bearer ${TOKEN}` });
  assert.equal(ok.status, 200);
});

test('a second heap snapshot while one is being sent gets 409; the first ends well', async (t) => {
  const debug = await startDebug(t);
  const url = `${debug.url}/debug/pprof/heapsnapshot`;
  const first = await getHeld(url);
  assert.equal(first.status, 200);
  const second = await get(url);
  assertGoError(second, 409);
  assert.match(second.text, /already being taken; one at a time/);
  const body = await first.finish();
  assert.ok(JSON.parse(body.toString('utf8')).snapshot.meta, 'the first is a whole snapshot');

  // A client that goes away mid-snapshot does not hold the next one off.
  const abandoned = await getHeld(url);
  assert.equal(abandoned.status, 200);
  abandoned.abort();
  let next = await get(url);
  for (let i = 0; i < 50 && next.status === 409; i++) {
    await new Promise((done) => setTimeout(done, 20));
    next = await get(url);
  }
  assert.equal(next.status, 200);
});

test("bad `seconds` and seconds with debug: 400 in Go's words", async (t) => {
  const debug = await startDebug(t);
  const cases: [string, string][] = [
    ['heap?seconds=abc', GO_MESSAGES.badSeconds],
    ['heap?seconds=0', GO_MESSAGES.badSeconds],
    ['heap?seconds=-1', GO_MESSAGES.badSeconds],
    ['heap?seconds=1.5', GO_MESSAGES.badSeconds],
    [`heap?seconds=${DEFAULTS.maxProfileSeconds + 1}`, GO_MESSAGES.tooLong],
    ['heap?seconds=1&debug=1', GO_MESSAGES.secondsWithDebug],
    ['profile?seconds=abc', GO_MESSAGES.badSeconds],
    ['profile?seconds=99999999', GO_MESSAGES.tooLong],
    ['profile?seconds=1&debug=1', GO_MESSAGES.secondsWithDebug],
    ['cpuprofile?seconds=0', GO_MESSAGES.badSeconds],
    ['cpuprofile?seconds=1e3', GO_MESSAGES.badSeconds],
    [`cpuprofile?seconds=${DEFAULTS.maxProfileSeconds + 1}`, GO_MESSAGES.tooLong],
    ['cpuprofile?seconds=1&debug=1', GO_MESSAGES.secondsWithDebug],
    ['heapprofile?seconds=1', GO_MESSAGES.secondsUnsupported],
    ['heapsnapshot?seconds=1', GO_MESSAGES.secondsUnsupported],
  ];
  for (const [path, message] of cases) {
    const res = await get(`${debug.url}/debug/pprof/${path}`);
    assertGoError(res, 400);
    assert.equal(res.text, `${message}\n`, path);
  }
});

test('an unknown profile is 404 Unknown profile; other unknown paths 404 as Go', async (t) => {
  const debug = await startDebug(t);
  for (const name of ['goroutine', 'nope', 'heap.pb.gz']) {
    const res = await get(`${debug.url}/debug/pprof/${name}`);
    assertGoError(res, 404);
    assert.equal(res.text, `${GO_MESSAGES.unknownProfile}\n`);
  }
  const other = await get(`${debug.url}/not-debug`);
  assertGoError(other, 404);
  assert.equal(other.text, '404 page not found\n');
});

test("the site's own port answers 404 to every debug route", async (t) => {
  const s = await makeSite(t, { 'post/hello.md': post('Hello', '2015-10-04') });
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  const site = await serve(t, opened);
  const paths = [
    '/debug/',
    '/debug/vars',
    '/debug/pprof/',
    '/debug/pprof/heap',
    '/debug/pprof/profile?seconds=1',
    '/debug/pprof/cmdline',
    '/debug/pprof/heapprofile',
    '/debug/pprof/cpuprofile?seconds=1',
    '/debug/pprof/heapsnapshot',
  ];
  for (const path of paths) {
    const res = await get(site.url + path);
    assert.equal(res.status, 404, path);
    assert.equal(res.headers.get('x-go-pprof'), null, path);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/, path);
  }
});

test('regression: a CPU profile whose client left stopped at once and freed the lock', async (t) => {
  const debug = await startDebug(t);
  for (const kind of ['profile', 'cpuprofile']) {
    const held = request(`${debug.url}/debug/pprof/${kind}?seconds=60`);
    held.on('error', () => {});
    held.end();
    await sleep(300);
    held.destroy();
    await sleep(100);
    const res = await get(`${debug.url}/debug/pprof/${kind}?seconds=1`);
    assert.equal(res.status, 200, `${kind}: not 'cpu profiling already in use' for 59 s`);
  }
});

test('regression: a heap delta whose client left let go of its slot', async (t) => {
  const debug = await startDebug(t);
  const held = Array.from({ length: 8 }, () => {
    const req = request(`${debug.url}/debug/pprof/heap?seconds=60`);
    req.on('error', () => {});
    req.end();
    return req;
  });
  await sleep(300);
  assert.equal((await get(`${debug.url}/debug/pprof/heap?seconds=1`)).status, 409, 'slots full');
  for (const req of held) req.destroy();
  await sleep(100);
  assert.equal((await get(`${debug.url}/debug/pprof/heap?seconds=1`)).status, 200);
});

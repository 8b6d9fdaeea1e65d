// The debug listener under pressure: token brute force costs the site nothing, profile limits
// hold under concurrent requests, and a client that leaves mid-profile lets everything go.

import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startDebug } from '../debug/helpers.js';
import { makeSite, open, post, serve } from '../helpers.js';
import { area } from './area.js';

const { figures, counted } = area('debug listener');

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
after(() => agent.destroy());

/** A GET whose status is all that matters; the body is read and dropped. */
function status(url: string, headers: Record<string, string> = {}): Promise<number> {
  figures.requests++;
  return new Promise((ok, fail) => {
    const req = request(url, { headers, agent }, (res) => {
      res.resume();
      res.on('end', () => ok(res.statusCode ?? 0));
    });
    req.on('error', fail);
    req.end();
  });
}

/** A GET abandoned after `ms`: the client goes away while the server is still waiting. */
async function abandon(url: string, ms: number): Promise<void> {
  figures.requests++;
  const req = request(url);
  req.on('error', () => {});
  req.end();
  await sleep(ms);
  req.destroy();
}

function counts(statuses: number[]): Record<number, number> {
  const by: Record<number, number> = {};
  for (const s of statuses) by[s] = (by[s] ?? 0) + 1;
  return by;
}

const TOKEN = 'reliability-token-0123456789abcdef';

test(
  'token brute force: every guess is 401, and the site answers every request meanwhile',
  counted(async (t) => {
    const s = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
    const opened = await open(t, s.content, s.store);
    await opened.sync();
    const site = await serve(t, opened);
    const debug = await startDebug(t, { token: TOKEN });
    const guesses = Array.from({ length: 3000 }, (_, i) => {
      const forms = [
        `Bearer ${TOKEN.slice(0, i % TOKEN.length)}`,
        `Bearer ${TOKEN}${i}`,
        `Bearer ${'x'.repeat(i % 300)}`,
        `Bearer ${TOKEN.slice(0, -1)}${'ghijklmnopqrstuvwxyz'[i % 20]}`,
      ];
      return forms[i % forms.length];
    });
    let next = 0;
    const guesser = async () => {
      const refused: number[] = [];
      while (next < guesses.length) {
        const guess = guesses[next++];
        refused.push(await status(`${debug.url}/debug/vars`, { Authorization: guess }));
      }
      return refused;
    };
    const visitor = async () => {
      const answered: number[] = [];
      for (let i = 0; i < 200; i++) answered.push(await status(`${site.url}/2020/1/1/a.html`));
      return answered;
    };
    const [guessed, visited] = await Promise.all([
      Promise.all(Array.from({ length: 16 }, guesser)),
      Promise.all(Array.from({ length: 4 }, visitor)),
    ]);
    const guessCounts = counts(guessed.flat());
    assert.deepEqual(guessCounts, { 401: 3000 }, 'no guess gets in, none fails otherwise');
    assert.deepEqual(counts(visited.flat()), { 200: 800 }, 'the site answers throughout');
    assert.equal(
      await status(`${debug.url}/debug/vars`, { Authorization: `Bearer ${TOKEN}` }),
      200,
    );
  }),
);

test(
  'one CPU profile at a time, across both kinds, however many ask at once',
  counted(async (t) => {
    const debug = await startDebug(t);
    const asks = Array.from({ length: 8 }, (_, i) =>
      status(`${debug.url}/debug/pprof/${i % 2 ? 'cpuprofile' : 'profile'}?seconds=1`),
    );
    const by = counts(await Promise.all(asks));
    assert.deepEqual(by, { 200: 1, 409: 7 }, JSON.stringify(by));
  }),
);

test(
  'seconds out of range are refused at once, however many ask',
  counted(async (t) => {
    const debug = await startDebug(t);
    const bad = ['0', '-1', '301', '1e9', 'NaN', 'x', '9007199254740993', '1.5e3'];
    const started = Date.now();
    const asks = bad.flatMap((s) =>
      ['profile', 'cpuprofile', 'heap'].map((p) =>
        status(`${debug.url}/debug/pprof/${p}?seconds=${s}`),
      ),
    );
    const by = counts(await Promise.all(asks));
    assert.deepEqual(by, { 400: bad.length * 3 }, JSON.stringify(by));
    assert.ok(Date.now() - started < 5000, 'none of them waited');
  }),
);

test(
  'heap deltas: at most 8 wait at once, the rest refused; all of them answered',
  counted(async (t) => {
    const debug = await startDebug(t);
    const asks = Array.from({ length: 12 }, () =>
      status(`${debug.url}/debug/pprof/heap?seconds=1`),
    );
    const by = counts(await Promise.all(asks));
    assert.deepEqual(by, { 200: 8, 409: 4 }, JSON.stringify(by));
  }),
);

test(
  'one heap snapshot at a time, however many ask at once',
  counted(async (t) => {
    const debug = await startDebug(t);
    const asks = Array.from({ length: 4 }, () => status(`${debug.url}/debug/pprof/heapsnapshot`));
    const by = counts(await Promise.all(asks));
    assert.deepEqual(by, { 200: 1, 409: 3 }, JSON.stringify(by));
  }),
);

test(
  'a client that leaves mid-profile frees the profiler, the lock and the waiting slots at once',
  counted(async (t) => {
    const debug = await startDebug(t);
    for (const kind of ['profile', 'cpuprofile']) {
      await abandon(`${debug.url}/debug/pprof/${kind}?seconds=60`, 300);
      await sleep(100);
      const started = Date.now();
      assert.equal(await status(`${debug.url}/debug/pprof/${kind}?seconds=1`), 200, kind);
      assert.ok(Date.now() - started < 5000, `${kind}: the lock was let go`);
    }
    await Promise.all(
      Array.from({ length: 8 }, () => abandon(`${debug.url}/debug/pprof/heap?seconds=60`, 300)),
    );
    await sleep(100);
    assert.equal(await status(`${debug.url}/debug/pprof/heap?seconds=1`), 200, 'slots freed');
    await abandon(`${debug.url}/debug/pprof/heapsnapshot`, 50);
    await sleep(500);
    assert.equal(
      await status(`${debug.url}/debug/pprof/heapsnapshot`),
      200,
      'snapshot guard freed',
    );
  }),
);

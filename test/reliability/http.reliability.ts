// Hostile HTTP on the site's port: traversal in every form, bad percent-encoding, query strings
// against the cache, thousands of distinct 404s and Accept-Encoding headers against memory,
// oversized requests; every answer a 4xx or the page, never a file outside the roots, never a 5xx.

import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { after, type TestContext, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { makeSite, open, post, rawRequest, serve } from '../helpers.js';
import { area } from './area.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const { figures, counted } = area('hostile http');

const agent = new Agent({ keepAlive: true, maxSockets: 16 });
after(() => agent.destroy());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path exactly as given, counted; the body as latin1 text for matching. */
async function send(
  base: string,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Answer> {
  figures.requests++;
  const answer = await rawRequest(base, path, { headers, method, agent });
  return { ...answer, body: answer.body.toString('latin1') };
}

/** Runs `count` requests made by `make`, `width` at a time, checking each answer. */
async function flood(
  count: number,
  width: number,
  make: (i: number) => Promise<Answer>,
  check: (a: Answer, i: number) => void,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      check(await make(i), i);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
}

async function site(t: TestContext) {
  const s = await makeSite(t, {
    'post/a.md': `${post('A', '2020-01-01', ['x'])}${'Words to compress. '.repeat(200)}\n`,
    'media/pic.png': Buffer.alloc(2048, 1),
  });
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  return { ...s, running: await serve(t, opened) };
}

// Ways to name something outside the theme's static/ or content/media/ (meta.toml sits one
// level above media/, /etc/passwd far above both).
const TRAVERSALS = [
  '/../meta.toml',
  '/media/../meta.toml',
  '/media/../../../../../../etc/passwd',
  '/%2e%2e/meta.toml',
  '/media/%2e%2e/meta.toml',
  '/media/%2E%2E/%2E%2E/etc/passwd',
  '/media/..%2fmeta.toml',
  '/media/..%2Fmeta.toml',
  '/media/%2e%2e%2fmeta.toml',
  '/media/..%5cmeta.toml',
  '/media/..\\meta.toml',
  '/media\\..\\meta.toml',
  '/media/%252e%252e/meta.toml',
  '/media/%c0%ae%c0%ae/meta.toml',
  '/media/%c0%af../meta.toml',
  '/media/.%2e/meta.toml',
  '/media/%2e./meta.toml',
  '/media/..;/meta.toml',
  '/media/....//meta.toml',
  '/media//../meta.toml',
  '//etc/passwd',
  '/media//etc/passwd',
  '/media/pic.png%00.html',
  '/media/%00/../meta.toml',
  '/css/../../../content/meta.toml',
  '/./media/pic.png/../../meta.toml',
  '/media/./../meta.toml',
  '/media/pic.png/..',
  '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/..%252f..%252fetc%252fpasswd',
];

test(
  'traversal in every form: 400 or 404, never a file outside the roots',
  counted(async (t) => {
    const { running } = await site(t);
    for (const path of TRAVERSALS) {
      for (const method of ['GET', 'HEAD']) {
        const answer = await send(running.url, path, {}, method);
        assert.ok([400, 404].includes(answer.status), `${method} ${path}: ${answer.status}`);
        assert.doesNotMatch(answer.body, /root:|\[meta\]/, `${path} leaked a file`);
      }
    }
  }),
);

test(
  'invalid percent-encoding is 400, never 500',
  counted(async (t) => {
    const { running } = await site(t);
    const bad = ['/%', '/%%', '/%g0', '/%0', '/a%', '/%ff', '/%e4%b8', '/%c3%28', '/%ed%a0%80'];
    for (const path of bad) {
      const answer = await send(running.url, path);
      assert.equal(answer.status, 400, path);
    }
  }),
);

test(
  'query strings do not make new cache entries',
  counted(async (t) => {
    const { running } = await site(t);
    const first = await send(running.url, '/2020/1/1/a.html');
    assert.equal(first.status, 200);
    await running.cache.settled();
    const entries = running.cache.figures().entries;
    assert.ok(entries > 0, 'the page is kept');
    await flood(
      2000,
      16,
      (i) => send(running.url, `/2020/1/1/a.html?v=${i}&${'x'.repeat(i % 50)}=${i}`),
      (a, i) => assert.equal(a.status, 200, `query ${i}`),
    );
    assert.equal(
      running.cache.figures().entries,
      entries,
      'one entry per page, whatever the query',
    );
  }),
);

/** Heap used after full collections: what the server keeps, not what it has yet to collect. */
function settledHeap(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

test(
  '10,000 distinct 404 URLs and 1,000 distinct Accept-Encoding headers do not grow memory',
  counted(async (t) => {
    const { running } = await site(t);
    const warm = (from: number) =>
      flood(
        1000,
        16,
        (i) => send(running.url, `/missing/${from + i}.html`, { 'Accept-Encoding': `br;q=0.${i}` }),
        (a) => assert.equal(a.status, 404),
      );
    await warm(0);
    const before = settledHeap();
    await flood(
      10_000,
      16,
      (i) =>
        send(running.url, `/nothing/here/${i}/${'p'.repeat(i % 200)}.html`, {
          'Accept-Encoding': `gzip;q=0.${i % 1000}, br;q=0.${(i * 7) % 1000}`,
        }),
      (a) => assert.equal(a.status, 404),
    );
    const grown = settledHeap() - before;
    assert.equal(running.cache.figures().entries, 0, 'no 404 is kept');
    assert.ok(grown < 2 * 1024 * 1024, `heap grew ${(grown / 1024).toFixed(0)} KiB`);
  }),
);

test(
  'every answer to a hostile request carries the security headers, and none is a 5xx',
  counted(async (t) => {
    const { running } = await site(t);
    const paths = [...TRAVERSALS, '/%zz', '/nope', '/2020/1/1/a.html', '/media/pic.png'];
    for (const path of paths) {
      const answer = await send(running.url, path);
      assert.ok(answer.status < 500, `${path}: ${answer.status}`);
      assert.equal(answer.headers['x-content-type-options'], 'nosniff', path);
      assert.ok(answer.headers['content-security-policy'], path);
    }
  }),
);

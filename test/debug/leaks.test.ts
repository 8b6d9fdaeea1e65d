// /debug/leaks: three heap snapshots under traffic, analysed in a child process. On the drill
// it names DrillHandler and the path through the drill's pool; memlab, reading the same three
// files, sees those objects grow; with pugo's own pool under the same traffic nothing grows.

import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import type { LeakReport } from '../../src/debug/leaks/leak-report.js';
import { makeSite, post, spawnServe } from '../helpers.js';

const FILES = {
  'post/a.md': post('A post', '2020-01-01', ['x']),
  'post/b.md': post('B post', '2020-01-02', ['x']),
};

/** A served site with its debug listener; `drill` adds the tango-pool drill. */
async function served(t: TestContext, drill: boolean) {
  const s = await makeSite(t, FILES);
  const flags = ['--no-watch', '--debug', '--debug-port', '0'];
  const serve = await spawnServe(t, s, drill ? [...flags, '--drill', 'tango-pool'] : flags);
  const debugUrl = /debug listener on (http:\/\/\S+?)\/debug\//.exec(serve.stderr())?.[1];
  assert.ok(debugUrl, serve.stderr());
  return { url: serve.url, debugUrl };
}

/**
 * Requests `paths` one after another, round and round, until `until` settles: traffic while
 * the report waits, bounded by the report's own time (and at most 60 s).
 */
async function trafficUntil<T>(base: string, paths: string[], until: Promise<T>): Promise<T> {
  let done = false;
  const settled = until.finally(() => {
    done = true;
  });
  const deadline = Date.now() + 60_000;
  for (let i = 0; !done && Date.now() < deadline; i++) {
    const res = await fetch(`${base}${paths[i % paths.length]}`);
    assert.equal(res.status, 200);
    await res.arrayBuffer();
  }
  return settled;
}

test('on the drill, the leak report names DrillHandler and the path through its pool, and memlab agrees', async (t) => {
  const { url, debugUrl } = await served(t, true);
  const asked = fetch(`${debugUrl}/debug/leaks?seconds=4&format=json&keep=1`).then(async (res) => {
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as LeakReport;
  });
  const report = await trafficUntil(url, ['/drill/tango'], asked);
  assert.ok(report.kept, 'keep=1 names the folder');
  t.after(() => rm(report.kept as string, { recursive: true, force: true }));
  assert.equal(report.taken.length, 3);
  const kinds = report.growing.map((g) => g.kind);
  const handler = report.growing.find((g) => g.kind === 'DrillHandler');
  assert.ok(handler, `DrillHandler grew: ${kinds.join(', ')}`);
  assert.ok(handler.counts[0] < handler.counts[1] && handler.counts[1] < handler.counts[2]);
  assert.ok(handler.retainedBytes > handler.added * 4096, `${handler.retainedBytes} B retained`);
  const path = handler.clusters[0]?.path.join(' ') ?? '';
  assert.match(path, /drill\(\).*\(context pool\).*\(context batches\).*DrillHandler$/, path);
  assert.ok(handler.clusters[0].count > handler.clusters.slice(1).reduce((n, c) => n + c.count, 0));

  // memlab's own reader, on the same three files: the kinds pugo names grow in it too.
  const { getFullHeapFromFile } = await import('@memlab/heap-analysis');
  const counts: number[] = [];
  for (const name of ['baseline', 'second', 'third']) {
    const heap = await getFullHeapFromFile(join(report.kept, `${name}.heapsnapshot`));
    let n = 0;
    heap.nodes.forEach((node) => {
      if (node.type === 'object' && node.name === 'DrillHandler') n++;
    });
    counts.push(n);
  }
  assert.deepEqual(counts, handler.counts, 'memlab counts the same DrillHandlers');
});

test('with pugo’s own pool under the same traffic, nothing grows, and the text says so', async (t) => {
  const { url, debugUrl } = await served(t, false);
  // Every page of the site, as its sitemap lists them.
  const sitemap = await (await fetch(`${url}/sitemap.xml`)).text();
  const pages = [...sitemap.matchAll(/<loc>https?:\/\/[^/<]+([^<]*)<\/loc>/g)].map(
    (m) => m[1] || '/',
  );
  assert.ok(pages.length >= 4, pages.join(' '));
  // Warmed first: the render cache and the JIT fill up once, and then stay as they are.
  await trafficUntil(url, pages, new Promise((ok) => setTimeout(ok, 2000)));
  const asked = fetch(`${debugUrl}/debug/leaks?seconds=4`).then(async (res) => {
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    return res.text();
  });
  const text = await trafficUntil(url, pages, asked);
  assert.match(
    text,
    /^pugo leak report \(pid \d+\): 3 heap snapshots over 4 s of traffic, at 0 s, \d+ s, \d+ s$/m,
  );
  assert.match(text, /snapshot 3: [\d,]+ objects, .*blocked [\d,]+ ms/);
  assert.match(text, /Nothing grew at every step/, text);
});

test('the leak report is refused while another runs, and takes Go’s seconds', async (t) => {
  const { debugUrl } = await served(t, false);
  const first = fetch(`${debugUrl}/debug/leaks?seconds=2`);
  await new Promise((ok) => setTimeout(ok, 300));
  const second = await fetch(`${debugUrl}/debug/leaks?seconds=2`);
  assert.equal(second.status, 409);
  assert.match(await second.text(), /already being taken/);
  assert.equal((await first).status, 200);
  await (await first).arrayBuffer();
  const bad = await fetch(`${debugUrl}/debug/leaks?seconds=x`);
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /invalid value for "seconds"/);
});

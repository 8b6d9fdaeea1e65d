// npm run bench:search -- [--n 1000] [--queries 200] [--rounds 3] [--browser 20]
// Search on the fuxiaohei-me corpus and on n generated posts: the static index's bytes, query
// time through `pugo serve` (p50/p99 of sequential requests, alternating with requests for the
// cached /search.html page of the same server: the ratio is what answering a query costs over
// sending a page), and query time in the built /search.html in headless Chromium (navigation
// to results listed, from a static server). Only 127.0.0.1 is loaded; every run is bounded.

import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { makeTokenizer } from '../../src/search/words.js';
import { authorsOf, generatePosts, writeMeta } from './lib/bench/corpus.js';
import { median } from './lib/bench/report.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './lib/chromium.js';
import { repoRoot, sharedDir } from './lib/repo-paths.js';
import { runTool } from './lib/run-tool.js';
import { seededRandom } from './lib/seeded-random.js';
import { startChild } from './lib/serve-bench/child-server.js';
import { startStaticServer } from './lib/static-server.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    queries: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '3' },
    browser: { type: 'string', default: '20' },
  },
});
const root = repoRoot();
const main = join(root, 'dist', 'src', 'cli', 'main.js');
const work = await mkdtemp(join(tmpdir(), 'pugo-search-bench-'));

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** Queries a reader of this site might type: words of titles, alone and in pairs, and terms of the index. */
async function queriesOf(dest: string, count: number): Promise<string[]> {
  const docs = JSON.parse(await readFile(join(dest, 'search', 'docs.json'), 'utf8')) as {
    docs: [string, string][];
  };
  const tokenizer = makeTokenizer();
  const random = seededRandom(42);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const queries: string[] = [];
  while (queries.length < count) {
    const title = pick(docs.docs)[1];
    const words = title.split(/\s+/).filter((w) => tokenizer.query(w).length > 0);
    if (!words.length) continue;
    const cjk = /[\u4e00-\u9fff]{2,}/.exec(title)?.[0];
    const kind = queries.length % 3;
    if (kind === 0) queries.push(pick(words));
    else if (kind === 1) queries.push(`${pick(words)} ${pick(words)}`);
    else queries.push(cjk ? cjk.slice(0, 2) : pick(words).slice(0, 3));
  }
  return queries;
}

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return performance.now() - started;
}

async function indexBytes(dest: string) {
  const files = [
    join(dest, 'search', 'docs.json'),
    ...(await readdir(join(dest, 'search', 'terms'))).map((f) => join(dest, 'search', 'terms', f)),
  ];
  let raw = 0;
  let gz = 0;
  let largest = 0;
  for (const file of files) {
    const bytes = await readFile(file);
    raw += bytes.length;
    gz += gzipSync(bytes).length;
    largest = Math.max(largest, bytes.length);
  }
  return { raw, gz, largest, files: files.length };
}

const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;

async function benchSite(name: string, content: string, posts: number): Promise<string[]> {
  const store = join(work, `${name}-store`);
  const dest = join(work, `${name}-dest`);
  const built = await runTool(
    process.execPath,
    [main, 'build', '--content', content, '--store', store, '--dest', dest],
    {
      advice: 'run npm install',
    },
  );
  if (built.code !== 0) throw new Error(`build failed:\n${built.stderr}`);
  const bytes = await indexBytes(dest);
  const queries = await queriesOf(dest, Number(values.queries));
  const lines = [
    `${name}: ${posts} posts; static index ${kb(bytes.raw)} (${kb(bytes.gz)} gzip) in ${bytes.files} files, ${(bytes.raw / posts).toFixed(0)} B a post (${(bytes.gz / posts).toFixed(0)} gzip), largest file ${kb(bytes.largest)}`,
  ];
  const server = await startChild(process.execPath, [
    main,
    'serve',
    '--content',
    content,
    '--store',
    store,
    '--port',
    '0',
    '--no-watch',
  ]);
  const search: number[] = [];
  const page: number[] = [];
  const p50s: number[] = [];
  const pageP50s: number[] = [];
  try {
    for (const q of queries.slice(0, 20))
      await timed(`${server.url}/search?q=${encodeURIComponent(q)}`);
    for (let round = 0; round < Number(values.rounds); round++) {
      const these: number[] = [];
      const pages: number[] = [];
      for (const q of queries) {
        these.push(await timed(`${server.url}/search?q=${encodeURIComponent(q)}`));
        pages.push(await timed(`${server.url}/search.html`));
      }
      search.push(...these);
      page.push(...pages);
      p50s.push(median(these));
      pageP50s.push(median(pages));
    }
  } finally {
    await server.stop();
  }
  search.sort((a, b) => a - b);
  page.sort((a, b) => a - b);
  lines.push(
    `  served /search?q=: p50 ${quantile(search, 0.5).toFixed(2)} ms, p99 ${quantile(search, 0.99).toFixed(2)} ms over ${search.length} queries; cached page p50 ${quantile(page, 0.5).toFixed(2)} ms; query / page ${(median(p50s) / median(pageP50s)).toFixed(2)} (medians of ${p50s.length} rounds)`,
  );
  lines.push(`  ${await builtPage(dest, queries.slice(0, Number(values.browser)))}`);
  return lines;
}

/** The built page in Chromium: from navigation to the results listed, and what it fetched. */
async function builtPage(dest: string, queries: string[]): Promise<string> {
  const host = await startStaticServer(dest);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  try {
    const times: number[] = [];
    const fetched: number[] = [];
    const context = await browser.newContext();
    for (const [i, q] of queries.entries()) {
      // A new page each time, the first one with nothing cached: later ones have docs.json.
      const page = await context.newPage();
      await page.goto(new URL(`search.html?q=${encodeURIComponent(q)}`, host.root).href);
      await page.waitForFunction(() => {
        const status = document.querySelector('.search-status')?.textContent ?? '';
        return status !== '' && !status.endsWith('…');
      });
      const [ms, bytes] = await page.evaluate(() => [
        performance.now(),
        performance
          .getEntriesByType('resource')
          .reduce((sum, e) => sum + (e as PerformanceResourceTiming).encodedBodySize, 0),
      ]);
      if (i > 0) times.push(ms);
      fetched.push(bytes);
      await page.close();
    }
    times.sort((a, b) => a - b);
    return `built /search.html in Chromium: ${quantile(times, 0.5).toFixed(0)} ms p50, ${quantile(times, 0.99).toFixed(0)} ms max from navigation to results (${times.length} queries, docs.json cached); fetched ${kb(fetched[0])} for the first query, ${kb(median(fetched.slice(1)))} median after`;
  } finally {
    await browser.close();
    await host.close();
  }
}

try {
  const lines: string[] = [];
  const corpus = join(sharedDir(root), 'corpus', 'fuxiaohei-me');
  const copy = join(work, 'fuxiaohei-me');
  await cp(corpus, copy, { recursive: true });
  lines.push(...(await benchSite('fuxiaohei-me', copy, 31)));
  const n = Number(values.n);
  const site = join(work, 'generated');
  await generatePosts(sharedDir(root), n, join(site, 'post'));
  writeMeta(site, authorsOf(join(site, 'post')));
  lines.push(...(await benchSite(`${n} generated`, site, n)));
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}

// npm run bench:serve -- [--n 1000] [--seconds 10] [--connections 50] [--rounds 3]
//                        [--workload hot,site] [--site-n 1000,10000] [--site-connections 20]
// The hot page: requests per second for one post of an n-post site, in the same run, from: raw node:http,
// the framework's floor (Koa 3 + @koa/router from a Map), pugo, and pugo with the debug
// listener and heap sampling on; then the floor and pugo again for a client accepting brotli
// (the floor sends pugo's compressed bytes); then how long a heap-profile fetch blocks at a
// 200 MB heap.
// The whole site (lib/serve-bench/whole-site.ts): every URL of a 1,000- and a 10,000-post site
// cycled in one shuffled order, as browsers ask (gzip, deflate, br) and plain, against nginx
// with gzip on over pugo's own build (when nginx is installed; the report says so when not).
// Only 127.0.0.1 is loaded; every run is bounded by --seconds.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { authorsOf, generatePosts, writeMeta } from './lib/bench/corpus.js';
import { median } from './lib/bench/report.js';
import { repoRoot, sharedDir } from './lib/repo-paths.js';
import { runTool } from './lib/run-tool.js';
import { type ChildServer, startChild } from './lib/serve-bench/child-server.js';
import { wholeSite } from './lib/serve-bench/whole-site.js';
import { runWrk, type WrkResult } from './lib/serve-bench/wrk.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
    workload: { type: 'string', default: 'hot,site' },
    'site-n': { type: 'string', default: '1000,10000' },
    'site-connections': { type: 'string', default: '20' },
  },
});
const workloads = new Set(values.workload.split(','));
const n = Number(values.n);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const rounds = Number(values.rounds);

const root = repoRoot();
const work = await mkdtemp(join(tmpdir(), 'pugo-serve-bench-'));
const site = join(work, 'site');
const main = join(root, 'dist', 'src', 'cli', 'main.js');
const floor = join(root, 'dist', 'test', 'tools', 'lib', 'serve-bench', 'floor-server.js');

type Kind = 'raw' | 'floor' | 'pugo' | 'pugo+debug' | 'floor br' | 'pugo br';
const KINDS: Kind[] = ['raw', 'floor', 'pugo', 'pugo+debug', 'floor br', 'pugo br'];
/** What a browser sends: the compressed kinds ask for it, the others ask for nothing. */
const ACCEPT_ENCODING = 'Accept-Encoding: gzip, deflate, br';

interface Target {
  path: string;
  type: string;
  bodyFile: string;
  /** The same page as pugo sends it brotli-compressed. */
  brFile: string;
}

function pugo(debug: boolean): Promise<ChildServer> {
  const args = [
    main,
    'serve',
    '--content',
    site,
    '--store',
    join(work, 'store'),
    '--port',
    '0',
    '--no-watch',
  ];
  return startChild(
    process.execPath,
    debug ? [...args, '--debug', '--debug-port', '0'] : args,
    debug,
  );
}

/** The post to load and its exact bytes, plain and brotli, from pugo so every server sends the same. */
async function target(): Promise<Target> {
  const server = await pugo(false);
  try {
    const feed = (await (await fetch(`${server.url}/feed.json`)).json()) as {
      items: { url: string }[];
    };
    const path = new URL(feed.items[0].url).pathname;
    const plain = await rawGet(server.url + path, {});
    const br = await rawGet(server.url + path, { 'Accept-Encoding': 'br' });
    if (br.encoding !== 'br') throw new Error(`pugo did not answer ${path} with brotli`);
    const bodyFile = join(work, 'body.html');
    const brFile = join(work, 'body.html.br');
    await writeFile(bodyFile, plain.body);
    await writeFile(brFile, br.body);
    return { path, bodyFile, brFile, type: plain.type };
  } finally {
    await server.stop();
  }
}

/** A GET whose body stays as sent (fetch would decompress it). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ body: Buffer; type: string; encoding?: string }> {
  return new Promise((ok, fail) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        ok({
          body: Buffer.concat(chunks),
          type: res.headers['content-type'] ?? 'text/html',
          encoding: res.headers['content-encoding'],
        }),
      );
    }).on('error', fail);
  });
}

function floorServer(kind: Kind, t: Target): Promise<ChildServer> {
  const args =
    kind === 'floor br'
      ? ['koa', t.path, t.brFile, t.type, 'br']
      : [kind === 'raw' ? 'raw' : 'koa', t.path, t.bodyFile, t.type];
  return startChild(process.execPath, [floor, ...args]);
}

async function measure(kind: Kind, t: Target): Promise<WrkResult> {
  const server = kind.startsWith('pugo')
    ? await pugo(kind === 'pugo+debug')
    : await floorServer(kind, t);
  const headers = kind.endsWith(' br') ? [ACCEPT_ENCODING] : [];
  try {
    await runWrk(server.url + t.path, 2, connections, headers);
    return await runWrk(server.url + t.path, seconds, connections, headers);
  } finally {
    await server.stop();
  }
}

function row(kind: string, results: WrkResult[]): string {
  const rps = median(results.map((r) => r.rps));
  const each = results.map((r) => Math.round(r.rps)).join(' ');
  const p50 = median(results.map((r) => r.p50ms)).toFixed(2);
  const p99 = median(results.map((r) => r.p99ms)).toFixed(2);
  const errors = results.reduce((t, r) => t + r.errors, 0);
  return `${kind.padEnd(12)} ${String(Math.round(rps)).padStart(7)} req/s  p50 ${p50} ms  p99 ${p99} ms  errors ${errors}  (runs: ${each})`;
}

/** The hot-page workload and the heap-profile block, as lines of the report. */
async function hotPage(): Promise<string[]> {
  await generatePosts(sharedDir(root), n, join(site, 'post'));
  writeMeta(site, authorsOf(join(site, 'post')));
  const t = await target();
  const results = new Map<Kind, WrkResult[]>(KINDS.map((k) => [k, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const kind of KINDS) results.get(kind)?.push(await measure(kind, t));
    process.stderr.write(`round ${round}/${rounds} done\n`);
  }
  const rps = (k: Kind) => median((results.get(k) ?? []).map((r) => r.rps));
  const lines = [
    `pugo serve: ${t.path} of a ${n}-post site, wrk -t1 -c${connections} -d${seconds}s, ${rounds} rounds alternating`,
  ];
  for (const kind of KINDS) lines.push(row(kind, results.get(kind) ?? []));
  lines.push(
    `pugo / Koa floor        ${(rps('pugo') / rps('floor')).toFixed(2)}   (target >= 0.9, issue 4)`,
  );
  lines.push(
    `pugo br / Koa floor br  ${(rps('pugo br') / rps('floor br')).toFixed(2)}   (target >= 0.9, issue 4: Accept-Encoding: gzip, deflate, br)`,
  );
  lines.push(`pugo / raw node:http    ${(rps('pugo') / rps('raw')).toFixed(2)}`);
  lines.push(
    `debug on / debug off    ${(rps('pugo+debug') / rps('pugo')).toFixed(2)}   (target >= 0.95, issue 3)`,
  );
  const block = await runTool(
    process.execPath,
    [join(root, 'dist', 'test', 'tools', 'lib', 'serve-bench', 'heap-block.js'), '200'],
    { advice: 'use Node 20' },
  );
  const b = JSON.parse(block.stdout) as { heapMb: number; medianMs: number; maxMs: number };
  lines.push(
    `heap profile fetch at a ${b.heapMb} MB heap blocks the event loop: median ${b.medianMs.toFixed(1)} ms, max ${b.maxMs.toFixed(1)} ms (5 fetches)`,
  );
  return lines;
}

try {
  if (workloads.has('hot')) process.stdout.write(`${(await hotPage()).join('\n')}\n`);
  if (workloads.has('site')) {
    for (const siteN of values['site-n'].split(',').map(Number)) {
      const lines = await wholeSite({
        n: siteN,
        seconds,
        connections: Number(values['site-connections']),
        rounds,
        root,
        shared: sharedDir(root),
        work,
      });
      process.stdout.write(`${lines.join('\n')}\n`);
    }
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

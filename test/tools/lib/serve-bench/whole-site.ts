// The whole-site workload: every URL of an n-post site cycled in one shuffled order, with the
// Accept-Encoding browsers send and with none, against pugo serve and nginx over pugo's own build.

import { readFile } from 'node:fs/promises';
import { Agent, get } from 'node:http';
import { join } from 'node:path';
import { encodePath } from '../../../../src/render/urls.js';
import { authorsOf, generatePosts, writeMeta } from '../bench/corpus.js';
import { median } from '../bench/report.js';
import { runTool } from '../run-tool.js';
import { type ChildServer, startChild } from './child-server.js';
import { findNginx, nginxVersion, startNginx } from './nginx.js';
import { builtUrls, shuffled, writeCycleScript } from './url-cycle.js';
import { runWrk, type WrkResult } from './wrk.js';

export interface WholeSiteOptions {
  n: number;
  seconds: number;
  connections: number;
  rounds: number;
  /** pugo's repo (for dist/), the shared folder (for the corpus generator), a scratch folder. */
  root: string;
  shared: string;
  work: string;
}

const BROWSER = 'Accept-Encoding: gzip, deflate, br';

type Contender = 'pugo' | 'pugo plain' | 'nginx' | 'nginx plain' | 'pugo hot';

interface Run {
  result: WrkResult;
  /** The first request for every URL, right after start: seconds for the pass, and its p99. */
  first: { seconds: number; p99ms: number } | null;
  /** The server's resident memory after the run, in MB (pugo only). */
  rssMb: number | null;
}

/**
 * Every URL once, right after the server started, `PASS_CONCURRENCY` at a time: how long a
 * reader's first request for each page takes (the server may still be warming its cache).
 */
const PASS_CONCURRENCY = 8;

async function firstPass(base: string, paths: string[], headers: Record<string, string>) {
  const agent = new Agent({ keepAlive: true, maxSockets: PASS_CONCURRENCY });
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++];
      const t0 = performance.now();
      await new Promise<void>((done, fail) => {
        get(`${base}${encodePath(path)}`, { agent, headers }, (res) => {
          res.resume();
          res.on('end', done);
        }).on('error', fail);
      });
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: PASS_CONCURRENCY }, worker));
  agent.destroy();
  times.sort((a, b) => a - b);
  const p99ms = times[Math.min(times.length - 1, Math.floor(times.length * 0.99))];
  return { seconds: (performance.now() - started) / 1000, p99ms };
}

async function rssMb(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : null;
}

function row(name: string, runs: Run[]): string {
  const rps = median(runs.map((r) => r.result.rps));
  const p50 = median(runs.map((r) => r.result.p50ms)).toFixed(2);
  const p99 = median(runs.map((r) => r.result.p99ms)).toFixed(2);
  const errors = runs.reduce((t, r) => t + r.result.errors, 0);
  const rss = runs.map((r) => r.rssMb).filter((m): m is number => m !== null);
  const memory = rss.length
    ? `  RSS ${Math.min(...rss).toFixed(0)}–${Math.max(...rss).toFixed(0)} MB`
    : '';
  const firsts = runs.map((r) => r.first).filter((f) => f !== null);
  const first = firsts.length
    ? `  first pass ${median(firsts.map((f) => f.seconds)).toFixed(1)} s, p99 ${median(firsts.map((f) => f.p99ms)).toFixed(1)} ms`
    : '';
  const each = runs.map((r) => Math.round(r.result.rps)).join(' ');
  return `${name.padEnd(12)} ${String(Math.round(rps)).padStart(7)} req/s  p50 ${p50} ms  p99 ${p99} ms  errors ${errors}${memory}${first}  (runs: ${each})`;
}

/** Generates the site, builds it with pugo, and measures each contender in turn, `rounds` times. */
export async function wholeSite(o: WholeSiteOptions): Promise<string[]> {
  const site = join(o.work, `site-${o.n}`);
  const dest = join(o.work, `dest-${o.n}`);
  const main = join(o.root, 'dist', 'src', 'cli', 'main.js');
  await generatePosts(o.shared, o.n, join(site, 'post'));
  writeMeta(site, authorsOf(join(site, 'post')));
  const built = await runTool(
    process.execPath,
    [
      main,
      'build',
      '--content',
      site,
      '--store',
      join(o.work, `build-store-${o.n}`),
      '--dest',
      dest,
    ],
    { advice: 'use Node 20' },
  );
  if (built.code !== 0) throw new Error(`pugo build failed:\n${built.stderr}`);
  const urls = shuffled(await builtUrls(dest), 20151014);
  const script = join(o.work, `cycle-${o.n}.lua`);
  await writeCycleScript(urls, script);
  const hot = urls.find((u) => /^\/\d{4}\/\d+\/\d+\//.test(u)) ?? '/';
  const nginx = findNginx();
  const contenders: Contender[] = ['pugo', 'nginx', 'pugo plain', 'nginx plain', 'pugo hot'];
  const active = contenders.filter((c) => !c.startsWith('nginx') || 'path' in nginx);

  const start = (c: Contender): Promise<ChildServer> =>
    c.startsWith('nginx') && 'path' in nginx
      ? startNginx(nginx.path, dest, join(o.work, `nginx-${o.n}`))
      : startChild(process.execPath, [
          main,
          'serve',
          '--content',
          site,
          '--store',
          join(o.work, `serve-store-${o.n}`),
          '--port',
          '0',
          '--no-watch',
        ]);
  const measure = async (c: Contender): Promise<Run> => {
    const server = await start(c);
    const headers = c.endsWith('plain') ? [] : [BROWSER];
    const cycle = c === 'pugo hot' ? undefined : script;
    const url = server.url + (c === 'pugo hot' ? hot : '/');
    try {
      // Every URL once first, timed on its own (a reader's first request for each page), then
      // 2 s of warm-up as for the hot page, then the measured run.
      const first =
        c === 'pugo hot'
          ? null
          : await firstPass(
              server.url,
              urls,
              c.endsWith('plain') ? {} : { 'Accept-Encoding': BROWSER.slice(17) },
            );
      await runWrk(url, 2, o.connections, headers, cycle);
      const result = await runWrk(url, o.seconds, o.connections, headers, cycle);
      return { result, first, rssMb: c.startsWith('pugo') ? await rssMb(server.pid) : null };
    } finally {
      await server.stop();
    }
  };

  const runs = new Map<Contender, Run[]>(active.map((c) => [c, []]));
  for (let round = 1; round <= o.rounds; round++) {
    for (const c of active) runs.get(c)?.push(await measure(c));
    process.stderr.write(`whole site ${o.n}: round ${round}/${o.rounds} done\n`);
  }
  const rps = (c: Contender) => median((runs.get(c) ?? []).map((r) => r.result.rps));
  const p99 = median((runs.get('pugo') ?? []).map((r) => r.result.p99ms));
  const lines = [
    `whole site: ${urls.length} URLs of a ${o.n}-post site cycled in one shuffled order, wrk -t1 -c${o.connections} -d${o.seconds}s, ${o.rounds} rounds alternating; "plain" sends no Accept-Encoding, the others "${BROWSER.slice(17)}"`,
  ];
  for (const c of active) lines.push(row(c, runs.get(c) ?? []));
  if ('path' in nginx) {
    lines.push(
      `pugo / nginx (${nginxVersion(nginx.path)}, gzip on)   ${(rps('pugo') / rps('nginx')).toFixed(2)}   (target >= 1.0, issue 14)`,
    );
    lines.push(
      `pugo plain / nginx plain          ${(rps('pugo plain') / rps('nginx plain')).toFixed(2)}`,
    );
  } else {
    lines.push(`pugo / nginx: not measured, ${nginx.missing}`);
  }
  lines.push(
    `pugo whole site / pugo hot page   ${(rps('pugo') / rps('pugo hot')).toFixed(2)}   (target >= 0.5, issue 14)`,
  );
  lines.push(`pugo whole-site p99               ${p99.toFixed(1)} ms   (target < 50 ms, issue 14)`);
  return lines;
}

// npm run soak -- [--requests 200000] [--posts 1000] [--concurrency 32] [--max-seconds 600]
//                  [--mix all|browsers]
//
// The test the 2015 Pugo server failed (14 MB to 228 MB of RSS in a day): `pugo serve` on a
// generated n-post site gets requests spread over every URL it has, plain and br/gzip, conditional,
// HEAD, with query strings, and distinct 404s, while its RSS and heap are read each second from
// /debug/vars. Warm-up (every URL in each representation, and at least 10% of the requests) comes
// first; the soak passes when RSS then grows under 10% to the end and every answer has the status
// asked for, and exits 1 otherwise. Only 127.0.0.1 is loaded; --max-seconds bounds the traffic.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { authorsOf, generatePosts, writeMeta } from './lib/bench/corpus.js';
import { repoRoot, sharedDir } from './lib/repo-paths.js';
import { type ChildServer, startChild } from './lib/serve-bench/child-server.js';
import { builtUrlPaths } from './lib/soak/built-urls.js';
import { runLoad } from './lib/soak/http-load.js';
import {
  fetchHeapAfterGc,
  fetchVars,
  type MemoryPoint,
  sampleMemory,
} from './lib/soak/memory-sampler.js';
import { count, mb, memoryFigures, type SoakRun, soakReport } from './lib/soak/report.js';
import { type MixName, RequestMix } from './lib/soak/request-mix.js';
import { Schedule } from './lib/soak/schedule.js';
import { Tally } from './lib/soak/tally.js';

interface Flags {
  requests: number;
  posts: number;
  concurrency: number;
  maxSeconds: number;
  /** 'browsers': every URL cycled with gzip, deflate, br, as bench:serve's whole-site workload. */
  mix: MixName;
}

/** A progress line at most this often: enough to see a trend, not a line per request. */
const PROGRESS_MS = 5000;

const root = repoRoot();
const cli = join(root, 'dist', 'src', 'cli', 'main.js');

function wholeNumber(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number above 0`);
  return n;
}

function readFlags(): Flags {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: '200000' },
      posts: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '32' },
      'max-seconds': { type: 'string', default: '600' },
      mix: { type: 'string', default: 'all' },
    },
  });
  if (values.mix !== 'all' && values.mix !== 'browsers')
    throw new Error(`--mix must be all or browsers, not ${values.mix}`);
  return {
    requests: wholeNumber('requests', values.requests),
    posts: wholeNumber('posts', values.posts),
    concurrency: wholeNumber('concurrency', values.concurrency),
    maxSeconds: wholeNumber('max-seconds', values['max-seconds']),
    mix: values.mix,
  };
}

/** The generated posts, built once: the build's files are the URLs the server must answer. */
async function prepareSite(work: string, posts: number): Promise<string[]> {
  const content = join(work, 'site');
  await generatePosts(sharedDir(root), posts, join(content, 'post'));
  writeMeta(content, authorsOf(join(content, 'post')));
  return builtUrlPaths(cli, { content, store: join(work, 'store'), dest: join(work, 'dest') });
}

/** The build's store is reused, so the server starts with nothing left to sync. */
function startServer(work: string): Promise<ChildServer> {
  const args = [cli, 'serve', '--content', join(work, 'site'), '--store', join(work, 'store')];
  const listen = ['--port', '0', '--no-watch', '--debug', '--debug-port', '0'];
  return startChild(process.execPath, [...args, ...listen], true);
}

function progress(schedule: Schedule, tally: Tally): (point: MemoryPoint) => void {
  const started = performance.now();
  let last = started;
  return (point) => {
    if (point.t - last < PROGRESS_MS) return;
    last = point.t;
    const rps = Math.round(tally.answered / ((point.t - started) / 1000));
    const phase = schedule.warmEndedAt === null ? ', warming up' : '';
    process.stderr.write(
      `soak: ${count(tally.answered)}/${count(schedule.total)} answered, ${count(rps)} req/s, ` +
        `RSS ${mb(point.rss)}, heap ${mb(point.heapUsed)}, ` +
        `unexpected ${tally.wrongTotal}${phase}\n`,
    );
  };
}

/** Sends every request of the schedule, Ctrl-C ending it early; returns the seconds it took. */
async function sendAll(
  url: string,
  concurrency: number,
  mix: RequestMix,
  schedule: Schedule,
  tally: Tally,
): Promise<number> {
  const interrupt = () => schedule.stop('interrupted');
  process.once('SIGINT', interrupt).once('SIGTERM', interrupt);
  const started = performance.now();
  try {
    await runLoad({
      url,
      concurrency,
      next: () => schedule.next(),
      onAnswer: (plan, outcome) => {
        tally.add(plan, outcome);
        if (outcome.status === 200 && outcome.etag) mix.remember(plan, outcome.etag);
      },
    });
    return (performance.now() - started) / 1000;
  } finally {
    process.off('SIGINT', interrupt).off('SIGTERM', interrupt);
  }
}

/** The traffic, with the server's memory sampled throughout and its own counts read after. */
async function soak(server: ChildServer, paths: string[], flags: Flags): Promise<SoakRun> {
  const mix = new RequestMix(paths, 2015, flags.mix);
  const schedule = new Schedule(mix, flags.requests, flags.maxSeconds);
  const tally = new Tally();
  const debugUrl = server.debugUrl as string;
  const sampling = sampleMemory(debugUrl, progress(schedule, tally));
  // On a failure too the sampler stops: its loop would otherwise keep this process alive.
  const seconds = await sendAll(server.url, flags.concurrency, mix, schedule, tally).catch(
    async (err: unknown) => {
      await sampling.stop();
      throw err;
    },
  );
  const { points, missed } = await sampling.stop();
  const vars = await fetchVars(debugUrl).catch(() => null);
  const afterGc = await fetchHeapAfterGc(debugUrl).catch(() => []);
  return {
    posts: flags.posts,
    urls: paths.length,
    requested: flags.requests,
    sent: schedule.sent,
    concurrency: flags.concurrency,
    seconds,
    warmupRequests: schedule.warmupRequests,
    stoppedEarly: schedule.stoppedEarly,
    memory: memoryFigures(points, afterGc, schedule.warmEndedAt),
    missedSamples: missed,
    tally,
    server: vars,
  };
}

async function main(): Promise<number> {
  const flags = readFlags();
  const work = await mkdtemp(join(tmpdir(), 'pugo-soak-'));
  try {
    process.stderr.write(`soak: generating ${count(flags.posts)} posts and building them\n`);
    const paths = await prepareSite(work, flags.posts);
    const server = await startServer(work);
    let run: SoakRun;
    try {
      run = await soak(server, paths, flags);
    } finally {
      await server.stop();
    }
    const report = soakReport(run);
    process.stdout.write(`${report.text}\n`);
    return report.passed ? 0 : 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`soak: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);

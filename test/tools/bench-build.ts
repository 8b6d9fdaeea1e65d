// Times pugo's static build on generated posts: cold, no-change and one-post-changed rebuilds.
//
//   npm run bench:build -- --n 1000 [--runs 3] [--keep]
//
// Posts come from ../shared/bench/gen-corpus.mjs (deterministic), so figures compare with the
// Hugo, Eleventy and Hexo references measured on the same posts. Exits 1 when a target is missed.

import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { authorsOf, generatePosts, writeMeta } from './lib/bench/corpus.js';
import { chooseRssProbe, type RssProbe, timedBuild } from './lib/bench/measure.js';
import { benchTable, type RunSamples } from './lib/bench/report.js';
import { repoRoot, sharedDir } from './lib/repo-paths.js';

const USAGE = 'usage: npm run bench:build -- --n 1000 [--runs 3] [--keep]\n';

interface Bench {
  repo: string;
  work: string;
  site: string;
  probe: RssProbe;
}

function buildCommand(bench: Bench, runDir: string): string[] {
  const cli = join(bench.repo, 'dist', 'src', 'cli', 'main.js');
  const store = join(runDir, 'store');
  return [
    process.execPath,
    cli,
    'build',
    '--content',
    bench.site,
    '--store',
    store,
    '--dest',
    join(runDir, 'dest'),
  ];
}

/** Appends a line to one post and touches it, as a writer saving an edit does. */
function editPost(file: string, run: number): void {
  appendFileSync(file, `\nEdited for benchmark run ${run}.\n`);
  const now = new Date();
  utimesSync(file, now, now);
}

async function oneRun(bench: Bench, run: number, postFile: string): Promise<RunSamples> {
  const runDir = join(bench.work, `run-${run}`);
  const command = buildCommand(bench, runDir);
  const report = join(bench.work, 'rss.txt');
  const original = readFileSync(postFile);
  const cold = await timedBuild(bench.probe, command, report);
  const noChange = await timedBuild(bench.probe, command, report);
  editPost(postFile, run);
  try {
    const oneChange = await timedBuild(bench.probe, command, report);
    return { cold, noChange, oneChange };
  } finally {
    writeFileSync(postFile, original);
    rmSync(runDir, { recursive: true, force: true });
  }
}

async function prepareSite(bench: Bench, n: number): Promise<string> {
  const postDir = join(bench.site, 'post');
  mkdirSync(postDir, { recursive: true });
  await generatePosts(sharedDir(bench.repo), n, postDir);
  writeMeta(bench.site, authorsOf(postDir));
  const posts = readdirSync(postDir).sort();
  return join(postDir, posts[Math.floor(posts.length / 2)] ?? '');
}

function parseFlags(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      n: { type: 'string', default: '1000' },
      runs: { type: 'string', default: '3' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const n = Number(values.n);
  const runs = Number(values.runs);
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(runs) || runs < 1) {
    throw new Error(`--n and --runs must be positive integers\n${USAGE}`);
  }
  return { n, runs, keep: values.keep, help: values.help };
}

async function main(argv: string[]): Promise<number> {
  const flags = parseFlags(argv);
  if (flags.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const work = mkdtempSync(join(tmpdir(), 'pugo-bench-'));
  const bench: Bench = {
    repo: repoRoot(),
    work,
    site: join(work, 'site'),
    probe: await chooseRssProbe(work),
  };
  try {
    const postFile = await prepareSite(bench, flags.n);
    const runs: RunSamples[] = [];
    for (let run = 1; run <= flags.runs; run++) {
      runs.push(await oneRun(bench, run, postFile));
      process.stderr.write(
        `run ${run}/${flags.runs}: cold ${runs.at(-1)?.cold.seconds.toFixed(2)} s\n`,
      );
    }
    const { text, missed } = benchTable(flags.n, bench.probe.name, runs);
    process.stdout.write(`${text}\n`);
    return missed ? 1 : 0;
  } finally {
    if (flags.keep) process.stderr.write(`kept ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench-build: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);

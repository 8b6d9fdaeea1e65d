// Times pugo's static build on generated posts: cold, no-change and one-post-changed rebuilds,
// against Hugo's cold build of the same posts in the same run.
//
//   npm run bench:build -- --n 1000,4000 [--runs 3] [--with eleventy,hexo] [--keep]
//
// Posts come from ../shared/bench/gen-corpus.mjs (deterministic): pugo's format for pugo, Hugo's
// for Hugo, which builds them with the skeleton in ../shared/bench/hugo-site (list pages by 10,
// tag pages, single pages). Each run builds both, the first of them alternating, so a machine
// slower for a while slows both. Debian's hugo is found or installed (apt-get, as root), and the
// report says which, or why Hugo was not measured. --with adds Eleventy and Hexo (their pinned
// packages installed from npm once, outside the repo), timed cold beside Hugo. Exits 1 when a
// target is missed.

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
import {
  CONTENDERS,
  type Contender,
  type ContenderName,
  prepareContender,
  timedContender,
} from './lib/bench/contenders.js';
import { authorsOf, generatePosts, writeMeta } from './lib/bench/corpus.js';
import { findHugo, type HugoSample, prepareHugoSite, timedHugo } from './lib/bench/hugo.js';
import { chooseRssProbe, type RssProbe, timedBuild } from './lib/bench/measure.js';
import { benchTable, type RunSamples } from './lib/bench/report.js';
import { repoRoot, sharedDir } from './lib/repo-paths.js';

const USAGE =
  'usage: npm run bench:build -- --n 1000,4000 [--runs 3] [--with eleventy,hexo] [--keep]\n';

interface Bench {
  repo: string;
  work: string;
  site: string;
  probe: RssProbe;
  /** Hugo's binary and its site of the same posts, when Hugo is here. */
  hugo: { path: string; site: string } | null;
  /** The --with tools, their sites of the same posts. */
  others: Contender[];
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
  const { hugo } = bench;
  const hugoCold = (): Promise<HugoSample | undefined> =>
    hugo ? timedHugo(bench.probe, hugo.path, hugo.site, report) : Promise.resolve(undefined);
  const othersCold = async () => {
    const samples: NonNullable<RunSamples['others']> = {};
    for (const other of bench.others) {
      samples[other.version] = await timedContender(bench.probe, other, report);
    }
    return bench.others.length ? samples : undefined;
  };
  // Odd runs start with the other tools, even runs with pugo.
  const hugoFirst = run % 2 === 1 ? await hugoCold() : undefined;
  const othersFirst = run % 2 === 1 ? await othersCold() : undefined;
  const cold = await timedBuild(bench.probe, command, report);
  const hugoSample = hugoFirst ?? (await hugoCold());
  const others = othersFirst ?? (await othersCold());
  const noChange = await timedBuild(bench.probe, command, report);
  editPost(postFile, run);
  try {
    const oneChange = await timedBuild(bench.probe, command, report);
    return { cold, noChange, oneChange, hugo: hugoSample, others };
  } finally {
    writeFileSync(postFile, original);
    rmSync(runDir, { recursive: true, force: true });
  }
}

async function prepareSite(bench: Bench, n: number): Promise<string> {
  if (bench.hugo) await prepareHugoSite(sharedDir(bench.repo), n, bench.hugo.site);
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
      n: { type: 'string', default: '1000,4000' },
      runs: { type: 'string', default: '3' },
      keep: { type: 'boolean', default: false },
      with: { type: 'string', default: '' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const sizes = values.n.split(',').map(Number);
  const runs = Number(values.runs);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(runs) || runs < 1) {
    throw new Error(`--n takes positive integers separated by commas, --runs one\n${USAGE}`);
  }
  const others = values.with ? values.with.split(',') : [];
  const unknown = others.find((name) => !(CONTENDERS as readonly string[]).includes(name));
  if (unknown) throw new Error(`--with takes ${CONTENDERS.join(', ')}, got "${unknown}"\n${USAGE}`);
  const contenders = others as ContenderName[];
  return { sizes, runs, keep: values.keep, help: values.help, contenders };
}

async function main(argv: string[]): Promise<number> {
  const flags = parseFlags(argv);
  if (flags.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const hugo = findHugo();
  const hugoLine =
    'path' in hugo
      ? `reference: ${hugo.version} (${hugo.path}, ${hugo.how}), cold, same posts, same run, alternating`
      : `reference: Hugo not measured, ${hugo.missing}`;
  process.stderr.write(`bench-build: ${hugoLine}\n`);
  let missed = false;
  for (const n of flags.sizes) {
    const work = mkdtempSync(join(tmpdir(), 'pugo-bench-'));
    const bench: Bench = {
      repo: repoRoot(),
      work,
      site: join(work, 'site'),
      probe: await chooseRssProbe(work),
      hugo: 'path' in hugo ? { path: hugo.path, site: join(work, 'hugo-site') } : null,
      others: [],
    };
    try {
      const postFile = await prepareSite(bench, n);
      for (const name of flags.contenders) {
        const other = await prepareContender(name, bench.repo, sharedDir(bench.repo), n, work);
        bench.others.push(other);
      }
      const runs: RunSamples[] = [];
      for (let run = 1; run <= flags.runs; run++) {
        const samples = await oneRun(bench, run, postFile);
        runs.push(samples);
        const others = Object.entries(samples.others ?? {}).map(([name, s]) =>
          'seconds' in s ? `, ${name} ${s.seconds.toFixed(2)} s` : `, ${name} failed`,
        );
        const against = `${samples.hugo ? `, Hugo ${samples.hugo.seconds.toFixed(2)} s` : ''}${others.join('')}`;
        process.stderr.write(
          `${n} posts, run ${run}/${flags.runs}: cold ${samples.cold.seconds.toFixed(2)} s${against}\n`,
        );
      }
      const table = benchTable(n, bench.probe.name, runs, hugoLine);
      process.stdout.write(`${table.text}\n\n`);
      missed ||= table.missed;
    } finally {
      if (flags.keep) process.stderr.write(`kept ${work}\n`);
      else rmSync(work, { recursive: true, force: true });
    }
  }
  return missed ? 1 : 0;
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

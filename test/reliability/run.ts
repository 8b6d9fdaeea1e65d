// The reliability suite: every *.reliability.js file under node --test, then one line per area.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AreaFigures, REPORT_ENV } from './report.js';

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * A file stuck in a loop would hold the run forever: node's per-test timeout cannot fire while
 * a test blocks its thread, so the whole run gets a wall-clock limit of its own.
 */
const RUN_LIMIT_MS = 30 * 60_000;

type Totals = Map<string, Required<AreaFigures>>;

/** The suite's files, or those whose names contain one of `filters` (`run.js parsers`). */
function suiteFiles(filters: string[]): string[] {
  return readdirSync(HERE)
    .filter((name) => name.endsWith('.reliability.js'))
    .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
    .sort()
    .map((name) => join(HERE, name));
}

/** Runs node --test on `files` with its TAP on our stdout; resolves to whether it passed. */
async function runTests(files: string[], report: string): Promise<boolean> {
  const child = spawn(process.execPath, ['--test', '--test-reporter=tap', ...files], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, [REPORT_ENV]: report },
  });
  const timer = setTimeout(() => {
    console.error(`reliability: run exceeded ${RUN_LIMIT_MS / 60_000} min, killed`);
    child.kill('SIGKILL');
  }, RUN_LIMIT_MS);
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  clearTimeout(timer);
  return code === 0 && signal === null;
}

/** Sums the recorded lines by area, in the order areas first appear. */
function readTotals(report: string): Totals {
  const totals: Totals = new Map();
  let text = '';
  try {
    text = readFileSync(report, 'utf8');
  } catch {
    // No file recorded anything.
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const { area, ...figures } = JSON.parse(line) as AreaFigures & { area: string };
    const sum = totals.get(area) ?? { inputs: 0, kills: 0, requests: 0, failures: 0 };
    sum.inputs += figures.inputs ?? 0;
    sum.kills += figures.kills ?? 0;
    sum.requests += figures.requests ?? 0;
    sum.failures += figures.failures;
    totals.set(area, sum);
  }
  return totals;
}

const count = (n: number) => n.toLocaleString('en-US');

/** 'reliability: parsers  inputs 52,000  failures 0': counts that are all zero are left out. */
function summaryLine(area: string, figures: Required<AreaFigures>, width: number): string {
  const parts = [`reliability: ${area.padEnd(width)}`];
  for (const key of ['inputs', 'kills', 'requests'] as const) {
    if (figures[key] > 0) parts.push(`${key} ${count(figures[key])}`);
  }
  parts.push(`failures ${count(figures.failures)}`);
  return parts.join('  ');
}

async function main(): Promise<number> {
  const files = suiteFiles(process.argv.slice(2));
  if (files.length === 0) {
    console.error('reliability: no *.reliability.js files matched');
    return 1;
  }
  const dir = mkdtempSync(join(tmpdir(), 'pugo-reliability-'));
  try {
    const passed = await runTests(files, join(dir, 'report.jsonl'));
    const totals = readTotals(join(dir, 'report.jsonl'));
    const width = Math.max(0, ...[...totals.keys()].map((a) => a.length));
    console.log('');
    for (const [area, figures] of totals) console.log(summaryLine(area, figures, width));
    if (!passed) console.log('reliability: node --test reported failing tests');
    const failed = !passed || [...totals.values()].some((f) => f.failures > 0);
    return failed ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();

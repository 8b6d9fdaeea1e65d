// The benchmark's table: medians over the runs, each figure beside its target and reference.

import type { HugoSample } from './hugo.js';
import type { BuildSample } from './measure.js';

export interface RunSamples {
  cold: BuildSample;
  noChange: BuildSample;
  oneChange: BuildSample;
  /** Hugo's cold build of the same posts in the same run, when Hugo is here. */
  hugo?: HugoSample;
  /** Other tools' cold builds in the same run (--with), by their name and version. */
  others?: Record<string, HugoSample | { failed: string }>;
}

interface Verdict {
  text: string;
  missed: boolean;
}

interface Row {
  label: string;
  values: number[];
  unit: 's' | 'MB' | '×';
  verdict: Verdict | null;
}

/**
 * Tools not run here, as an earlier session measured them on the same posts: shown for scale,
 * never judged (only what runs in the same run compares).
 */
const ELSEWHERE: Record<number, string> = {
  1000: 'Eleventy 3 5.69 s, Hexo 8 14.33 s (issue 10)',
  4000: 'Eleventy 3 31 s, Hexo 8 72 s (2.8 GB)',
};

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2) return sorted[mid] ?? 0;
  return ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const judged = (ok: boolean, target: string): Verdict => ({
  text: `${target}  ${ok ? 'met' : 'MISSED'}`,
  missed: !ok,
});

/** A target set for another post count: shown, not judged. */
const elsewhere = (text: string): Verdict => ({ text, missed: false });

const peakOf = (run: RunSamples): number =>
  Math.max(run.cold.peakRssMb, run.noChange.peakRssMb, run.oneChange.peakRssMb);

/** Issue 10's targets, each judged only at the post counts it was set for. */
function rows(n: number, runs: RunSamples[]): Row[] {
  const cold = runs.map((r) => r.cold.seconds);
  const noChange = runs.map((r) => r.noChange.seconds);
  const oneChange = runs.map((r) => r.oneChange.seconds);
  const peak = runs.map(peakOf);
  const tenth = median(cold) * 0.1;
  const hugo = runs.flatMap((r) => (r.hugo ? [r.hugo] : []));
  const table: Row[] = [
    { label: 'cold build', values: cold, unit: 's', verdict: null },
    {
      label: 'no-change rebuild',
      values: noChange,
      unit: 's',
      verdict: judged(median(noChange) <= tenth, `<= 10% of cold (${tenth.toFixed(2)} s)`),
    },
    {
      label: 'one post changed',
      values: oneChange,
      unit: 's',
      verdict: judged(median(oneChange) <= tenth, `<= 10% of cold (${tenth.toFixed(2)} s)`),
    },
    {
      label: 'peak RSS (any build)',
      values: peak,
      unit: 'MB',
      verdict:
        n >= 10_000
          ? judged(median(peak) < 512, '< 512 MB')
          : elsewhere('< 512 MB at 10,000 posts'),
    },
  ];
  if (hugo.length === runs.length) {
    const ratios = runs.map((r, i) => r.cold.seconds / (hugo[i]?.seconds ?? Infinity));
    const ratio = median(ratios);
    const sized = n === 1000 || n === 4000;
    table.push(
      { label: 'Hugo cold build', values: hugo.map((h) => h.seconds), unit: 's', verdict: null },
      {
        label: 'Hugo peak RSS',
        values: hugo.map((h) => h.peakRssMb),
        unit: 'MB',
        verdict: null,
      },
      {
        label: 'pugo / Hugo, cold',
        values: ratios,
        unit: '×',
        verdict: sized
          ? judged(ratio < 1, '< 1.0 (goal 0.5)')
          : elsewhere('< 1.0 at 1,000 and 4,000 posts'),
      },
    );
  }
  for (const name of Object.keys(runs[0]?.others ?? {})) {
    const samples = runs.map((r) => r.others?.[name]);
    const done = samples.filter((s): s is HugoSample => s !== undefined && 'seconds' in s);
    if (done.length < runs.length) continue;
    table.push(
      { label: `${name} cold`, values: done.map((s) => s.seconds), unit: 's', verdict: null },
      {
        label: `${name} peak RSS`,
        values: done.map((s) => s.peakRssMb),
        unit: 'MB',
        verdict: null,
      },
      {
        label: `pugo / ${name.split(' ')[0]}`,
        values: runs.map((r, i) => r.cold.seconds / (done[i]?.seconds ?? Infinity)),
        unit: '×',
        verdict: null,
      },
    );
  }
  return table;
}

/** Tools of --with that failed a run (Hexo out of memory): said, with what they printed last. */
function failures(runs: RunSamples[]): string[] {
  const lines: string[] = [];
  for (const [i, run] of runs.entries()) {
    for (const [name, sample] of Object.entries(run.others ?? {})) {
      if ('failed' in sample) lines.push(`${name} failed in run ${i + 1}: ${sample.failed}`);
    }
  }
  return lines;
}

const digitsOf = (row: Row): number => (row.unit === 'MB' ? 0 : 2);
const eachRun = (row: Row): string => row.values.map((v) => v.toFixed(digitsOf(row))).join(' ');

function formatRow(row: Row, eachWidth: number): string {
  const value = `${median(row.values).toFixed(digitsOf(row))} ${row.unit}`;
  const target = row.verdict?.text ?? '';
  return `${row.label.padEnd(24)}${value.padStart(10)}   ${eachRun(row).padEnd(eachWidth)}${target}`.trimEnd();
}

function footer(n: number, probe: string, first: RunSamples, hugo: string): string[] {
  const count = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `pages: ${count(first.cold.pages)}; rendered: cold ${count(first.cold.rendered)}, ` +
      `no-change ${count(first.noChange.rendered)}, one post ${count(first.oneChange.rendered)}; ` +
      `files changed: cold ${count(first.cold.changed)}, no-change ` +
      `${count(first.noChange.changed)}, one post ${count(first.oneChange.changed)}`,
    `peak RSS read with ${probe}; cold = fresh store and dest, posts already in the OS cache`,
    hugo,
  ];
  const elsewhereFigures = ELSEWHERE[n];
  if (elsewhereFigures && !first.others)
    lines.push(`not run here, measured before on ${count(n)} posts: ${elsewhereFigures}`);
  return lines;
}

/** The table, and whether any target that applies to this post count was missed. */
export function benchTable(n: number, probe: string, runs: RunSamples[], hugo: string) {
  const table = rows(n, runs);
  const title = `pugo build: ${n.toLocaleString('en-US')} generated posts, ${runs.length} runs`;
  const eachWidth = Math.max(10, ...table.map((row) => eachRun(row).length)) + 3;
  const lines = [
    title,
    `${''.padEnd(24)}${'median'.padStart(10)}   ${'each run'.padEnd(eachWidth)}target`,
    ...table.map((row) => formatRow(row, eachWidth)),
    ...footer(n, probe, runs[0] as RunSamples, hugo),
    ...failures(runs),
  ];
  return { text: lines.join('\n'), missed: table.some((row) => row.verdict?.missed) };
}

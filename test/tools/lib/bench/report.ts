// The benchmark's table: medians over the runs, each figure beside its target and reference.

import type { BuildSample } from './measure.js';

export interface RunSamples {
  cold: BuildSample;
  noChange: BuildSample;
  oneChange: BuildSample;
}

interface Verdict {
  text: string;
  missed: boolean;
}

interface Row {
  label: string;
  values: number[];
  unit: 's' | 'MB';
  verdict: Verdict | null;
}

/** Figures measured on this machine for the same generated posts (from the issue). */
const REFERENCES: Record<number, string> = {
  1000: 'Hugo 0.111 5.1 s, Eleventy 3 9.7 s, Hexo 8 18.4 s',
  4000: 'Eleventy 31 s, Hexo 72 s (2.8 GB)',
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

/** The targets, each judged only at the post count it was set for. */
function rows(n: number, runs: RunSamples[]): Row[] {
  const cold = runs.map((r) => r.cold.seconds);
  const noChange = runs.map((r) => r.noChange.seconds);
  const peak = runs.map(peakOf);
  const tenth = median(cold) * 0.1;
  return [
    {
      label: 'cold build',
      values: cold,
      unit: 's',
      verdict:
        n === 1000 ? judged(median(cold) < 2.5, '< 2.5 s') : elsewhere('< 2.5 s at 1,000 posts'),
    },
    {
      label: 'no-change rebuild',
      values: noChange,
      unit: 's',
      verdict: judged(median(noChange) < tenth, `< 10% of cold (${tenth.toFixed(2)} s)`),
    },
    {
      label: 'one post changed',
      values: runs.map((r) => r.oneChange.seconds),
      unit: 's',
      verdict: null,
    },
    {
      label: 'peak RSS (any build)',
      values: peak,
      unit: 'MB',
      verdict:
        n === 4000 ? judged(median(peak) < 300, '< 300 MB') : elsewhere('< 300 MB at 4,000 posts'),
    },
  ];
}

const digitsOf = (row: Row): number => (row.unit === 's' ? 2 : 0);
const eachRun = (row: Row): string => row.values.map((v) => v.toFixed(digitsOf(row))).join(' ');

function formatRow(row: Row, eachWidth: number): string {
  const value = `${median(row.values).toFixed(digitsOf(row))} ${row.unit}`;
  const target = row.verdict?.text ?? '';
  return `${row.label.padEnd(22)}${value.padStart(10)}   ${eachRun(row).padEnd(eachWidth)}${target}`.trimEnd();
}

function footer(n: number, probe: string, first: RunSamples): string[] {
  const count = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `pages written: ${count(first.cold.pages)}; files changed: cold ${count(first.cold.changed)}, ` +
      `no-change ${count(first.noChange.changed)}, one post ${count(first.oneChange.changed)}`,
    `peak RSS read with ${probe}; cold = fresh store and dest, posts already in the OS cache`,
  ];
  const reference = REFERENCES[n];
  if (reference) lines.push(`reference, same ${count(n)} posts on this machine: ${reference}`);
  return lines;
}

/** The table, and whether any target that applies to this post count was missed. */
export function benchTable(n: number, probe: string, runs: RunSamples[]) {
  const table = rows(n, runs);
  const title = `pugo build: ${n.toLocaleString('en-US')} generated posts, ${runs.length} runs`;
  const eachWidth = Math.max(10, ...table.map((row) => eachRun(row).length)) + 3;
  const lines = [
    title,
    `${''.padEnd(22)}${'median'.padStart(10)}   ${'each run'.padEnd(eachWidth)}target`,
    ...table.map((row) => formatRow(row, eachWidth)),
    ...footer(n, probe, runs[0] as RunSamples),
  ];
  return { text: lines.join('\n'), missed: table.some((row) => row.verdict?.missed) };
}

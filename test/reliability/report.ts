// Figures a reliability test file records for its area, which run.ts sums into one line per area.

import { appendFileSync } from 'node:fs';

/** What an area tried and how much of it went wrong; the counts that do not apply are left out. */
export interface AreaFigures {
  /** Generated or hand-made inputs fed to the code under test. */
  inputs?: number;
  /** Processes killed on purpose (crash-safety drills). */
  kills?: number;
  /** HTTP requests sent. */
  requests?: number;
  /** Properties or cases that failed: any above zero fails the run. */
  failures: number;
}

/** run.ts names the file here; a test file run on its own finds it unset and records nothing. */
export const REPORT_ENV = 'PUGO_RELIABILITY_REPORT';

/**
 * Appends one JSON line for `area`. node --test runs each file in its own process, all at once:
 * one small write to a file opened for appending lands whole, so lines never interleave.
 */
export function record(area: string, figures: AreaFigures): void {
  const file = process.env[REPORT_ENV];
  if (!file) return;
  appendFileSync(file, `${JSON.stringify({ area, ...figures })}\n`);
}

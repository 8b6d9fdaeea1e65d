// fast-check properties for the reliability suite: each run counted for its area's summary line.

import assert from 'node:assert/strict';
import { after } from 'node:test';
import fc from 'fast-check';
import { PugoError } from '../../src/errors.js';
import type { ContentProblem } from '../../src/types.js';
import { record } from './report.js';

/** PUGO_FUZZ_SEED=<seed from a failure> replays that failure. */
const seed = process.env.PUGO_FUZZ_SEED;
if (seed) fc.configureGlobal({ seed: Number(seed) });

/** PUGO_FUZZ_SCALE=10 runs every property ten times as long, for a soak before a release. */
const scale = Math.max(1, Number(process.env.PUGO_FUZZ_SCALE) || 1);

/** Inputs one test file tried for an area and the properties that failed, recorded at its end. */
export class Tally {
  inputs = 0;
  failures = 0;

  constructor(readonly area: string) {
    after(() => record(this.area, { inputs: this.inputs, failures: this.failures }));
  }

  /** Checks `property` on `numRuns` inputs; a counterexample fails the test with its seed. */
  holds<Ts>(property: fc.IProperty<Ts>, numRuns: number): void {
    this.#count(fc.check(property, { numRuns: numRuns * scale }));
  }

  /** holds(), for a property whose check awaits (files, sockets). */
  async holdsAsync<Ts>(property: fc.IAsyncProperty<Ts>, numRuns: number): Promise<void> {
    this.#count(await fc.check(property, { numRuns: numRuns * scale }));
  }

  #count<Ts>(details: fc.RunDetails<Ts>): void {
    this.inputs += details.numRuns;
    if (!details.failed) return;
    this.failures++;
    const why = details.errorInstance instanceof Error ? `\n${details.errorInstance.message}` : '';
    assert.fail(`${fc.defaultReportMessage(details) ?? 'property failed'}${why}`);
  }

  /** Counts one hand-made case; `run` throwing fails it (and the test). */
  async case(run: () => void | Promise<void>): Promise<void> {
    this.inputs++;
    try {
      await run();
    } catch (err) {
      this.failures++;
      throw err;
    }
  }
}

/** Lines of `text` as an editor counts them (LF, CRLF or a lone CR end one). */
export function lineCount(text: string): number {
  return text.split(/\r\n?|\n/).length;
}

/**
 * Runs `parse`; a PugoError must name `file` and a line from 1 to `lines`, anything else thrown
 * is a bug and fails the property. Returns the result, or null for a reported problem.
 */
export function parsesOrReports<T>(
  file: string,
  lines: number,
  parse: (warnings: ContentProblem[]) => T,
): T | null {
  const warnings: ContentProblem[] = [];
  try {
    const parsed = parse(warnings);
    // A warning names its file and a line of it, like an error does.
    for (const w of warnings) {
      assert.equal(w.file, file, `${w.code} warning names its file`);
      const line = w.line ?? 0;
      assert.ok(Number.isInteger(line) && line >= 1 && line <= lines, `${w.code} line ${line}`);
    }
    return parsed;
  } catch (err) {
    if (!(err instanceof PugoError)) throw err;
    assert.equal(err.file, file, `${err.code} names its file`);
    const line = err.line ?? 0;
    assert.ok(Number.isInteger(line) && line >= 1 && line <= lines, `${err.code} line ${line}`);
    return null;
  }
}

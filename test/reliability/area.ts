// One test file's figures for its area, recorded when the file ends, and a wrapper that counts a
// failed test as a failure of the area.

import { after, type TestContext } from 'node:test';
import { record } from './report.js';

export interface Area {
  figures: { inputs: number; requests: number; kills: number; failures: number };
  /** The test body, with a thrown failure counted before it fails the test. */
  counted(run: (t: TestContext) => Promise<void>): (t: TestContext) => Promise<void>;
}

export function area(name: string): Area {
  const figures = { inputs: 0, requests: 0, kills: 0, failures: 0 };
  after(() => {
    // The counts that do not apply to an area are left out of its line.
    const { inputs, requests, kills, failures } = figures;
    record(name, {
      ...(inputs && { inputs }),
      ...(requests && { requests }),
      ...(kills && { kills }),
      failures,
    });
  });
  return {
    figures,
    counted: (run) => async (t) => {
      try {
        await run(t);
      } catch (err) {
        figures.failures++;
        throw err;
      }
    },
  };
}

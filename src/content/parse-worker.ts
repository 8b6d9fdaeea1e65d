// A parse worker: receives a batch of files, answers with one outcome per file, in order.

import { parentPort, workerData } from 'node:worker_threads';
import type { ParseJob, ParseSettings } from './parse-many.js';
import { contextOf, parseOne, toErrorData } from './parse-many.js';

const ctx = contextOf(workerData as ParseSettings);

parentPort?.once('message', (jobs: ParseJob[]) => {
  const results = jobs.map((job) => {
    const outcome = parseOne({ file: job.file, bytes: Buffer.from(job.bytes) }, ctx);
    return 'entry' in outcome ? outcome : { error: toErrorData(outcome.error) };
  });
  parentPort?.postMessage(results);
});

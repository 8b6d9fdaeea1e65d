// A parse worker: receives a batch of files, answers in chunks, in order, then says it is done.

import { parentPort, workerData } from 'node:worker_threads';
import type { ParseJob, ParseSettings, WorkerMessage, WorkerResult } from './parse-many.js';
import { contextOf, encodeForStore, parseOne, toErrorData, WORKER_CHUNK } from './parse-many.js';

const ctx = contextOf(workerData as ParseSettings);

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

parentPort?.once('message', (jobs: ParseJob[]) => {
  for (let from = 0; from < jobs.length; from += WORKER_CHUNK) {
    const results: WorkerResult[] = jobs.slice(from, from + WORKER_CHUNK).map((job) => {
      const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
      const outcome = parseOne({ file: job.file, bytes }, ctx);
      return 'entry' in outcome
        ? encodeForStore(outcome.entry)
        : { error: toErrorData(outcome.error) };
    });
    post({ from, results });
  }
  post({ done: true });
});

// A parse worker: loads the parser, says it is ready, then answers each file it is sent, in order.

import { parentPort, workerData } from 'node:worker_threads';
import {
  contextOf,
  encodeForStore,
  type ParseJob,
  type ParseSettings,
  parseOne,
  toErrorData,
  type WorkerMessage,
} from './jobs.js';

const ctx = contextOf(workerData as ParseSettings);

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

parentPort?.on('message', (job: ParseJob) => {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  const outcome = parseOne({ file: job.file, bytes, before: job.before }, ctx);
  const result =
    'entry' in outcome ? encodeForStore(outcome.entry) : { error: toErrorData(outcome.error) };
  post({ ...result, warnings: outcome.warnings });
});

post({ ready: true });

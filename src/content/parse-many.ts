// Parsing many files at once: on worker threads when there are enough to pay for starting them.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PugoError, type PugoErrorCode } from '../errors.js';
import type { Entry, SourceFile } from '../types.js';
import { createMarkdown } from './markdown.js';
import { type ParseContext, parseEntry } from './parse-entry.js';

/** What a worker needs to build its own ParseContext: plain, cloneable data. */
export interface ParseSettings {
  timezone: string;
  authors: string[];
  base: string;
  maxFileBytes: number;
}

export interface ParseJob {
  file: SourceFile;
  bytes: Buffer;
}

export type ParseOutcome = { entry: Entry } | { error: PugoError };

/** A failure as it crosses a thread boundary. */
export interface ErrorData {
  code: PugoErrorCode;
  message: string;
  file?: string;
  line?: number;
}

/**
 * Below this many files a worker's start (loading markdown-it and highlight.js again, about
 * 0.2 s) costs more than it saves; a writer's save in watch mode parses inline.
 */
const WORKER_THRESHOLD = 64;
const MAX_WORKERS = 4;

export function contextOf(settings: ParseSettings): ParseContext {
  return { ...settings, authors: new Set(settings.authors), md: createMarkdown() };
}

/** Parses one file; a PugoError becomes an outcome, anything else is a bug and throws. */
export function parseOne(job: ParseJob, ctx: ParseContext): ParseOutcome {
  try {
    return { entry: parseEntry(job.file, job.bytes, ctx) };
  } catch (err) {
    if (err instanceof PugoError) return { error: err };
    throw err;
  }
}

export function toErrorData(err: PugoError): ErrorData {
  return { code: err.code, message: err.message, file: err.file, line: err.line };
}

/** Outcomes in the order of `jobs`. */
export async function parseMany(
  jobs: ParseJob[],
  settings: ParseSettings,
  inline: () => Promise<ParseContext>,
): Promise<ParseOutcome[]> {
  const lanes = Math.min(
    MAX_WORKERS,
    availableParallelism(),
    Math.floor(jobs.length / (WORKER_THRESHOLD / 2)),
  );
  if (jobs.length < WORKER_THRESHOLD || lanes < 2) {
    const ctx = await inline();
    return jobs.map((job) => parseOne(job, ctx));
  }
  const outcomes: ParseOutcome[] = new Array(jobs.length);
  const share = (lane: number) =>
    jobs.map((job, i) => ({ job, i })).filter(({ i }) => i % lanes === lane);
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      const mine = share(lane);
      const results = await runWorker(
        mine.map((m) => m.job),
        settings,
      );
      results.forEach((r, k) => {
        outcomes[mine[k].i] = 'entry' in r ? r : { error: fromErrorData(r.error) };
      });
    }),
  );
  return outcomes;
}

function fromErrorData(data: ErrorData): PugoError {
  return new PugoError(data.code, data.message, { file: data.file, line: data.line });
}

type WorkerResult = { entry: Entry } | { error: ErrorData };

function runWorker(jobs: ParseJob[], settings: ParseSettings): Promise<WorkerResult[]> {
  return new Promise((ok, fail) => {
    const worker = new Worker(new URL('./parse-worker.js', import.meta.url), {
      workerData: settings,
    });
    worker.once('message', (results: WorkerResult[]) => {
      ok(results);
      void worker.terminate();
    });
    worker.once('error', fail);
    worker.once('exit', (code) => {
      if (code !== 0) fail(new Error(`parse worker exited with code ${code}`));
    });
    worker.postMessage(jobs);
  });
}

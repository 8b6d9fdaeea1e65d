// Parsing many files at once: on worker threads when there are enough to pay for starting them.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PugoError, type PugoErrorCode } from '../errors.js';
import type { EncodedEntry, Entry, SourceFile } from '../types.js';
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
  /** Emptied by parseMany once a worker has its copy. */
  bytes: Buffer;
}

export type ParseOutcome = { entry: Entry; encoded?: EncodedEntry } | { error: PugoError };

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

/**
 * What a worker sends for a parsed file: the entry without its bodies (all the main thread
 * reads of it: path, date, tags) and the stored JSON. Serialising on the worker moved about
 * 1 s of a 1,000-post sync off the main thread, which was competing with the workers for the
 * same two cores.
 */
export function encodeForStore(entry: Entry): { entry: Entry; encoded: EncodedEntry } {
  const json = JSON.stringify(entry);
  let summary: string | null = null;
  if (entry.kind === 'post') {
    const { html: _h, toc: _t, ...rest } = entry;
    summary = JSON.stringify(rest);
  }
  const light: Entry =
    entry.kind === 'post'
      ? { ...entry, html: '', toc: [], summaryHtml: '' }
      : { ...entry, html: '', toc: [] };
  return { entry: light, encoded: { entry: json, summary } };
}

export function toErrorData(err: PugoError): ErrorData {
  return { code: err.code, message: err.message, file: err.file, line: err.line };
}

const EMPTY = Buffer.alloc(0);

/** Files a worker parses before it hands their entries back, so no thread holds them all. */
const CHUNK = 32;

/**
 * Parses `jobs`, calling `onOutcome` for each in the order of `jobs` as soon as it and all before
 * it are done: the caller can store each entry and drop it, so a 4,000-post sync never holds
 * every rendered post at once.
 */
export async function parseMany(
  jobs: ParseJob[],
  settings: ParseSettings,
  inline: () => Promise<ParseContext>,
  onOutcome: (index: number, outcome: ParseOutcome) => void,
): Promise<void> {
  // One core stays for the main thread (it stores entries as they come) and V8's compiler
  // threads: on this 2-core machine two workers were no faster than one (each ran at half speed,
  // its code compiled late) and held 40 MB more at 4,000 posts.
  const lanes = Math.min(MAX_WORKERS, availableParallelism() - 1, Math.floor(jobs.length / CHUNK));
  if (jobs.length < WORKER_THRESHOLD || lanes < 1) {
    const ctx = await inline();
    for (const [i, job] of jobs.entries()) onOutcome(i, parseOne(job, ctx));
    return;
  }
  const inOrder = reorder(onOutcome);
  await Promise.all(
    Array.from({ length: lanes }, (_, lane) => {
      const mine = jobs.map((_, i) => i).filter((i) => i % lanes === lane);
      return runWorker(
        mine.map((i) => jobs[i]),
        settings,
        (k, result) =>
          inOrder(mine[k], 'entry' in result ? result : { error: fromErrorData(result.error) }),
      );
    }),
  );
}

/** Delivers outcomes that arrive out of order (from several workers) in index order. */
function reorder(deliver: (index: number, outcome: ParseOutcome) => void) {
  const waiting = new Map<number, ParseOutcome>();
  let next = 0;
  return (index: number, outcome: ParseOutcome) => {
    waiting.set(index, outcome);
    for (let ready = waiting.get(next); ready; ready = waiting.get(next)) {
      waiting.delete(next);
      deliver(next++, ready);
    }
  };
}

function fromErrorData(data: ErrorData): PugoError {
  return new PugoError(data.code, data.message, { file: data.file, line: data.line });
}

export type WorkerResult = { entry: Entry; encoded: EncodedEntry } | { error: ErrorData };

/** What a worker posts back: results for its jobs from `from` on, or that it is done. */
export type WorkerMessage = { from: number; results: WorkerResult[] } | { done: true };

export const WORKER_CHUNK = CHUNK;

function runWorker(
  jobs: ParseJob[],
  settings: ParseSettings,
  onResult: (k: number, result: WorkerResult) => void,
): Promise<void> {
  return new Promise((ok, fail) => {
    const worker = new Worker(new URL('./parse-worker.js', import.meta.url), {
      workerData: settings,
      // A small young generation keeps each worker's garbage from piling up before a scavenge:
      // measured at 4,000 posts, peak RSS 306 MB with V8's default and 227 MB with 8 MB, at the
      // same speed. The old generation stays large enough for an 8 MB post.
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 1024 },
    });
    worker.on('message', (message: WorkerMessage) => {
      if ('done' in message) {
        ok();
        void worker.terminate();
        return;
      }
      for (const [k, result] of message.results.entries()) onResult(message.from + k, result);
    });
    worker.once('error', fail);
    worker.once('exit', (code) => {
      if (code !== 0) fail(new Error(`parse worker exited with code ${code}`));
    });
    worker.postMessage(jobs);
    // The worker has its own copy now: let go of ours, so a big sync holds each post's bytes
    // once, not twice, while it parses.
    for (const job of jobs) job.bytes = EMPTY;
  });
}

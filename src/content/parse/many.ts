// Parsing many files at once: on worker threads, under a time limit per file, when there are
// enough to pay for starting them or any is big enough to need the limit; and, when nothing else
// needs it, on the main thread beside them.

import { availableParallelism } from 'node:os';
import { DEFAULTS } from '../../config/defaults.js';
import type { ParseContext } from '../parse-entry.js';
import { INLINE_MAX_BYTES, JobQueue } from './job-queue.js';
import {
  fromErrorData,
  type ParseJob,
  type ParseOutcome,
  type ParseSettings,
  parseOne,
} from './jobs.js';
import { runLane } from './lane.js';

/**
 * Below this many files a worker's start (loading markdown-it and highlight.js again, about
 * 0.2 s) costs more than it saves; a writer's save in watch mode parses inline.
 */
const WORKER_THRESHOLD = 64;
const MAX_WORKERS = 4;

const EMPTY = Buffer.alloc(0);

/** Files per lane before a second worker pays for its start. */
const FILES_PER_LANE = 32;

/** Whether `jobs` can parse on this thread: few, and each too small to be slow. */
function parsesInline(jobs: ParseJob[]): boolean {
  return (
    jobs.length < WORKER_THRESHOLD && jobs.every((job) => job.bytes.length <= INLINE_MAX_BYTES)
  );
}

/**
 * One core stays for the main thread (it stores entries as they come, and parses beside the
 * workers when nothing is served) and V8's compiler threads: on this 2-core machine two workers were no faster than one (each ran at half speed,
 * its code compiled late) and held 40 MB more at 4,000 posts. At least one, though, even on one
 * core: a big file needs a worker for its time limit.
 */
function laneCount(jobs: number): number {
  const wanted = Math.min(
    MAX_WORKERS,
    availableParallelism() - 1,
    Math.floor(jobs / FILES_PER_LANE),
  );
  return Math.max(1, wanted);
}

export interface ParseManyOptions {
  /** The context for parsing on this thread. */
  inline: () => Promise<ParseContext>;
  /**
   * The main thread parses small files too, between delivering results: for a command that has
   * nothing else to do meanwhile (a build), not for a server answering requests.
   */
  shareMainThread?: boolean;
}

/**
 * Parses `jobs`, calling `onOutcome` for each in the order of `jobs` as soon as it and all before
 * it are done: the caller can store each entry and drop it, so a 4,000-post sync never holds
 * every rendered post at once. On workers, a file that takes longer than the time limit (or more
 * memory than a worker has) becomes a PUGO_RENDER_LIMIT outcome and the rest go on.
 */
export async function parseMany(
  jobs: ParseJob[],
  settings: ParseSettings,
  { inline, shareMainThread = false }: ParseManyOptions,
  onOutcome: (index: number, outcome: ParseOutcome) => void,
): Promise<void> {
  if (parsesInline(jobs)) {
    const ctx = await inline();
    for (const [i, job] of jobs.entries()) onOutcome(i, parseOne(job, ctx));
    return;
  }
  const queue = new JobQueue(jobs);
  const limits = { timeMs: settings.timeLimitMs ?? DEFAULTS.parseTimeLimitMs };
  const inOrder = reorder(onOutcome);
  const workers = Array.from({ length: laneCount(jobs.length) }, () =>
    runLane(queue, settings, limits, (i, result) =>
      inOrder(i, {
        ...('entry' in result ? result : { error: fromErrorData(result.error) }),
        warnings: result.warnings ?? [],
      }),
    ),
  );
  const here = shareMainThread ? parseHere(queue, inline, inOrder) : Promise.resolve();
  await Promise.all([...workers, here]);
}

/**
 * The main thread's lane: one small file at a time, then a turn of the event loop, so the
 * workers' results are taken in and their next files sent without waiting. Measured at 1,000
 * posts on 2 cores: the main thread sat idle for 2 of the 2.3 s a worker took to parse alone.
 */
async function parseHere(
  queue: JobQueue,
  inline: () => Promise<ParseContext>,
  deliver: (index: number, outcome: ParseOutcome) => void,
): Promise<void> {
  const ctx = await inline();
  for (let i = queue.takeSmall(); i !== undefined; i = queue.takeSmall()) {
    const job = queue.jobs[i];
    const outcome = parseOne(job, ctx);
    job.bytes = EMPTY;
    job.before = undefined;
    deliver(i, outcome);
    await new Promise((next) => setImmediate(next));
  }
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

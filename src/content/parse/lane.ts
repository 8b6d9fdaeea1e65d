// One worker thread parsing a lane of files in order, under a time limit per file: a file that
// overruns it (or the worker's memory) is reported, and a fresh worker goes on with the rest.

import { Worker } from 'node:worker_threads';
import type { JobQueue } from './job-queue.js';
import type { ErrorData, ParseJob, ParseSettings, WorkerMessage, WorkerResult } from './jobs.js';

export interface LaneLimits {
  /** Longest one file may take, in ms. */
  timeMs: number;
}

/**
 * Jobs a worker holds at once: the one it parses and the next few, so it does not wait while
 * the main thread parses a file of its own (with 2 held, the worker sat idle 0.5 s of a 1.65 s
 * sync of 1,000 posts); the main thread keeps their bytes until they are answered, to hand them
 * to a fresh worker if this one is stopped.
 */
const WINDOW = 8;

const EMPTY = Buffer.alloc(0);

/**
 * A small young generation keeps each worker's garbage from piling up before a scavenge:
 * measured at 4,000 posts, peak RSS 306 MB with V8's default and 227 MB with 8 MB, at the same
 * speed. The old generation stays large enough for an 8 MB post; a file that needs more is
 * reported (PUGO_RENDER_LIMIT) instead of taking the process down.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 1024 };

function limitError(job: ParseJob, why: string): ErrorData {
  const heavy = 'markdown this heavy (huge tables, deep nesting) is refused';
  const message = `${why}: ${heavy}, so one file cannot stall the site`;
  return { code: 'PUGO_RENDER_LIMIT', message, file: job.file.id, line: 1 };
}

/**
 * Parses files taken from `queue` on a worker, calling `onResult(i, result)` for each (i: its
 * index in the queue's jobs), in the order taken. Resolves when the queue is empty and all it
 * took are answered; rejects only for a bug (an exception that is not a PugoError, a crash).
 */
export function runLane(
  queue: JobQueue,
  settings: ParseSettings,
  limits: LaneLimits,
  onResult: (i: number, result: WorkerResult) => void,
): Promise<void> {
  return new Promise((ok, fail) => {
    new Lane(queue, settings, limits, onResult, { ok, fail }).start();
  });
}

class Lane {
  /** The queue's indexes of the jobs this lane took, in the order taken. */
  readonly #mine: number[] = [];
  /** Jobs answered: #mine[done] is the one the worker is parsing. */
  #done = 0;
  /** The first job not yet sent to the current worker. */
  #next = 0;
  #worker: Worker | null = null;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly queue: JobQueue,
    private readonly settings: ParseSettings,
    private readonly limits: LaneLimits,
    private readonly onResult: (i: number, result: WorkerResult) => void,
    private readonly settle: { ok: () => void; fail: (err: Error) => void },
  ) {}

  /** The job #mine[k]. */
  #job(k: number): ParseJob {
    return this.queue.jobs[this.#mine[k]];
  }

  /** Whether a job is left to take, taking it if this lane holds none unanswered. */
  #hasWork(): boolean {
    if (this.#done < this.#mine.length) return true;
    const i = this.queue.take();
    if (i === undefined) return false;
    this.#mine.push(i);
    return true;
  }

  /** A fresh worker, starting at the first job not yet answered. */
  start(): void {
    if (!this.#hasWork()) {
      this.#finish();
      return;
    }
    this.#next = this.#done;
    const worker = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: this.settings,
      resourceLimits: RESOURCE_LIMITS,
    });
    this.#worker = worker;
    // Events of a worker already replaced (its 'exit' after terminate()) are not for us.
    worker.on('message', (m: WorkerMessage) => worker === this.#worker && this.#message(m));
    worker.once('error', (err) => worker === this.#worker && this.#error(err));
    worker.once('exit', (code) => worker === this.#worker && this.#exit(code));
  }

  #message(message: WorkerMessage): void {
    if ('ready' in message) {
      // The clock starts once the parser has loaded: a slow start is not the file's fault.
      this.#arm();
      this.#fill();
      return;
    }
    this.#answer(message);
    if (!this.#hasWork()) {
      this.#finish();
      return;
    }
    // The worker moved straight on to the next job it held.
    this.#arm();
    this.#fill();
  }

  /** Delivers the result of #mine[done] and lets go of its bytes. */
  #answer(result: WorkerResult): void {
    const k = this.#done++;
    const job = this.#job(k);
    job.bytes = EMPTY;
    job.before = undefined;
    this.onResult(this.#mine[k], result);
  }

  /** Sends the worker jobs until it holds WINDOW, taking more from the queue as needed. */
  #fill(): void {
    while (this.#next - this.#done < WINDOW) {
      if (this.#next === this.#mine.length) {
        const i = this.queue.take();
        if (i === undefined) return;
        this.#mine.push(i);
      }
      this.#worker?.postMessage(this.#job(this.#next++));
    }
  }

  #arm(): void {
    clearTimeout(this.#timer);
    const seconds = this.limits.timeMs / 1000;
    this.#timer = setTimeout(
      () => this.#overrun(`took more than ${seconds} s to render`),
      this.limits.timeMs,
    );
  }

  /** Stops the worker stuck on jobs[done], reports that file, and goes on with a fresh worker. */
  #overrun(why: string): void {
    this.#stop();
    this.#answer({ error: limitError(this.#job(this.#done), why) });
    this.start();
  }

  #error(err: Error & { code?: string }): void {
    if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      this.#overrun(`needed more than ${RESOURCE_LIMITS.maxOldGenerationSizeMb} MB to render`);
      return;
    }
    this.#stop();
    this.settle.fail(err);
  }

  #exit(code: number): void {
    this.#stop();
    this.settle.fail(new Error(`parse worker exited with code ${code}`));
  }

  #finish(): void {
    this.#stop();
    this.settle.ok();
  }

  #stop(): void {
    clearTimeout(this.#timer);
    const worker = this.#worker;
    this.#worker = null;
    void worker?.terminate();
  }
}

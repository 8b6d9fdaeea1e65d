// The files of one parse, handed out to whichever lane is free next: the workers, and the main
// thread between its other work. A lane that finishes early takes more, so no core waits on one.

import type { ParseJob } from './jobs.js';

/**
 * Files up to this size may parse on the main thread, where no time limit can stop them. The
 * slowest markdown measured (a table of empty cells, '![' repeated) renders at about 6 s per MB,
 * so 64 KiB of it takes under half a second; every real post in the corpus is under 27 KiB.
 */
export const INLINE_MAX_BYTES = 64 * 1024;

export class JobQueue {
  /** Indexes into `jobs`, small and big apart, each in file order; handed out from the front. */
  readonly #small: number[] = [];
  readonly #big: number[] = [];
  #smallAt = 0;
  #bigAt = 0;

  constructor(readonly jobs: readonly ParseJob[]) {
    for (const [i, job] of jobs.entries()) {
      (job.bytes.length <= INLINE_MAX_BYTES ? this.#small : this.#big).push(i);
    }
  }

  /** For a worker: the big files first (only a worker can stop one that runs too long). */
  take(): number | undefined {
    if (this.#bigAt < this.#big.length) return this.#big[this.#bigAt++];
    return this.takeSmall();
  }

  /** For the main thread: small files only. */
  takeSmall(): number | undefined {
    return this.#smallAt < this.#small.length ? this.#small[this.#smallAt++] : undefined;
  }
}

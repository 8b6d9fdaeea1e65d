// When the soak's requests go: how many, until when, and where its warm-up ends.

import type { PlannedRequest, RequestMix } from './request-mix.js';

export class Schedule {
  sent = 0;
  /** Requests sent before the warm-up ended, and when it did (performance.now()); null until. */
  warmupRequests: number | null = null;
  warmEndedAt: number | null = null;
  /** Why no more requests go before all were sent; null while they still do or when all went. */
  stoppedEarly: string | null = null;
  private readonly deadline: number;

  constructor(
    private readonly mix: RequestMix,
    readonly total: number,
    private readonly maxSeconds: number,
  ) {
    this.deadline = performance.now() + maxSeconds * 1000;
  }

  /** The next request, or null when all were sent, time is up or the soak was stopped. */
  next(): PlannedRequest | null {
    if (this.stoppedEarly || this.sent >= this.total) return null;
    if (performance.now() >= this.deadline) {
      this.stop(`stopped at --max-seconds ${this.maxSeconds}`);
      return null;
    }
    if (this.warmEndedAt === null && this.warmedUp()) {
      this.warmEndedAt = performance.now();
      this.warmupRequests = this.sent;
    }
    this.sent++;
    return this.mix.next();
  }

  stop(why: string): void {
    this.stoppedEarly ??= why;
  }

  /**
   * 10% of the requests and at least the mix's priming pass, so the server holds every page in
   * every representation; never more than half the run, so there is a run to judge.
   */
  private warmedUp(): boolean {
    const { sent, total } = this;
    return sent >= total / 2 || (sent >= total / 10 && this.mix.primed);
  }
}

// serve's watch mode, when a change failed for a fault that passes: trying it again on a timer.

import { isPugoError, type PugoError } from '../errors.js';
import { FAULT_CODES } from '../faults.js';
import type { Logger } from '../log.js';
import { shownPath } from './reports.js';

/** Failures that go away by themselves (a disk freed, a drive mounted again): tried again. */
const PASSING = new Set([...FAULT_CODES, 'PUGO_CONTENT_GONE', 'PUGO_CONFIG_MISSING']);
const FIRST_RETRY_MS = 2000;
const LAST_RETRY_MS = 30_000;

/**
 * A change that failed for a fault of the machine is tried again on a timer, every 2 s and then
 * less often (at most every 30 s), until it lands: a writer who freed space or plugged the
 * drive back in should not have to save again or restart.
 */
export class Retry {
  private timer: NodeJS.Timeout | null = null;
  private delay = FIRST_RETRY_MS;
  private stopped = false;
  /** Whether the content folder was gone when the change failed. */
  folderWasGone = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly log: Logger,
  ) {}

  after(err: PugoError): void {
    if (!PASSING.has(err.code) || this.stopped || this.timer) return;
    this.folderWasGone ||=
      err.code !== 'PUGO_DISK_FULL' && err.code.startsWith('PUGO_CONTENT_GONE');
    this.folderWasGone ||= err.code === 'PUGO_CONFIG_MISSING';
    this.log.info(`pugo: trying the change again in ${this.delay / 1000} s`);
    this.timer = setTimeout(() => void this.fire(), this.delay);
    this.timer.unref();
  }

  /** A change landed: the next failure starts again from the first delay. */
  done(): void {
    this.delay = FIRST_RETRY_MS;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async fire(): Promise<void> {
    this.timer = null;
    try {
      await this.work();
      this.folderWasGone = false;
      this.done();
    } catch (err) {
      if (!isPugoError(err)) return this.log.error('pugo: the change was not applied', err);
      this.log.error(`${err.describe(shownPath)}; the site is served as it was`);
      this.delay = Math.min(this.delay * 2, LAST_RETRY_MS);
      this.after(err);
    }
  }
}

// Whether the site served is the content's latest: what /healthz and the dashboard tell a
// process manager or a person, cheaply and without secrets.

import { isPugoError } from '../errors.js';

export interface HealthView {
  /** 'ok': the last sync landed; 'stale': the last change could not be applied yet. */
  status: 'ok' | 'stale';
  /** When the snapshot served was last brought in line with the content (ISO). */
  syncedAt: string | null;
  /** Since when the content has been ahead of what is served (ISO), and why. */
  staleSince: string | null;
  reason: string | null;
  /** The coded error of the failed sync, without paths' secrets beyond the message. */
  code: string | null;
}

export class SyncHealth {
  private syncedAt: number | null = null;
  private staleSince: number | null = null;
  private reason: string | null = null;
  private code: string | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  synced(): void {
    this.syncedAt = this.now();
    this.staleSince = null;
    this.reason = null;
    this.code = null;
  }

  failed(err: unknown): void {
    this.staleSince ??= this.now();
    this.reason = err instanceof Error ? err.message : String(err);
    this.code = isPugoError(err) ? err.code : null;
  }

  get upToDate(): boolean {
    return this.staleSince === null;
  }

  view(): HealthView {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      status: this.upToDate ? 'ok' : 'stale',
      syncedAt: iso(this.syncedAt),
      staleSince: iso(this.staleSince),
      reason: this.reason,
      code: this.code,
    };
  }
}

// What the soak's answers add up to: counts by status and by kind, and every wrong answer counted
// as a 5xx, a connection error or another unexpected status, with the first few kept as examples.

import type { Outcome } from './http-load.js';
import type { Kind, PlannedRequest } from './request-mix.js';

/** Enough to see a pattern without burying the verdict. */
const MAX_EXAMPLES = 10;

function bump<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

export class Tally {
  answered = 0;
  readonly byStatus = new Map<string, number>();
  readonly byKind = new Map<Kind, number>();
  readonly wrong = { serverErrors: 0, connectionErrors: 0, otherStatuses: 0 };
  readonly examples: string[] = [];

  add(plan: PlannedRequest, outcome: Outcome): void {
    this.answered++;
    const status = outcome.status === null ? `error ${outcome.error}` : String(outcome.status);
    bump(this.byStatus, status);
    bump(this.byKind, plan.kind);
    if (outcome.status === plan.expect) return;
    if (outcome.status === null) this.wrong.connectionErrors++;
    else if (outcome.status >= 500) this.wrong.serverErrors++;
    else this.wrong.otherStatuses++;
    if (this.examples.length < MAX_EXAMPLES) {
      this.examples.push(
        `${plan.method} ${plan.path} (${plan.kind}): ${status}, not ${plan.expect}`,
      );
    }
  }

  get wrongTotal(): number {
    const w = this.wrong;
    return w.serverErrors + w.connectionErrors + w.otherStatuses;
  }
}

// Request counts by status class, and how many are in flight: a few numbers, never per URL.

import type { Context } from 'koa';

export interface RequestFigures {
  total: number;
  inFlight: number;
  byStatus: { '2xx': number; '3xx': number; '4xx': number; '5xx': number };
}

/** "GET /2015/10/14/a.html 200 10998 0.4ms": method, path, status, body bytes, time. */
export function accessLine(ctx: Context, ms: number): string {
  const bytes = ctx.response.length ?? '-';
  return `${ctx.method} ${ctx.url} ${ctx.status} ${bytes} ${ms.toFixed(1)}ms`;
}

export class RequestStats {
  private figures: RequestFigures = {
    total: 0,
    inFlight: 0,
    byStatus: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
  };

  /** Quiet unless given: `serve --log` writes one line a request. */
  constructor(private readonly accessLog?: (line: string) => void) {}

  /** A request has come in: returns its start time (for the access log), to give to finish(). */
  start(): number {
    this.figures.inFlight++;
    return this.accessLog ? performance.now() : 0;
  }

  /** A request has been answered (or failed): counted by status class, logged if asked. */
  finish(ctx: Context, started: number): void {
    if (this.accessLog) this.accessLog(accessLine(ctx, performance.now() - started));
    const f = this.figures;
    f.inFlight--;
    f.total++;
    const status = ctx.status;
    f.byStatus[status >= 500 ? '5xx' : status >= 400 ? '4xx' : status >= 300 ? '3xx' : '2xx']++;
  }

  snapshot(): RequestFigures {
    return { ...this.figures, byStatus: { ...this.figures.byStatus } };
  }
}

// Request counts by status class, and how many are in flight: a few numbers, never per URL.

import type { Context, Middleware } from 'koa';

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

  /** Counts every request; first in the chain, so errors turned into pages are counted too. */
  middleware(): Middleware {
    return async (ctx, next) => {
      this.figures.inFlight++;
      const started = this.accessLog ? performance.now() : 0;
      try {
        await next();
      } finally {
        if (this.accessLog) this.accessLog(accessLine(ctx, performance.now() - started));
        this.figures.inFlight--;
        this.figures.total++;
        const status =
          ctx.status >= 500 ? '5xx' : ctx.status >= 400 ? '4xx' : ctx.status >= 300 ? '3xx' : '2xx';
        this.figures.byStatus[status]++;
      }
    };
  }

  snapshot(): RequestFigures {
    return { ...this.figures, byStatus: { ...this.figures.byStatus } };
  }
}

// Request counts by status class, and how many are in flight: a few numbers, never per URL.

import type { Middleware } from 'koa';

export interface RequestFigures {
  total: number;
  inFlight: number;
  byStatus: { '2xx': number; '3xx': number; '4xx': number; '5xx': number };
}

export class RequestStats {
  private figures: RequestFigures = {
    total: 0,
    inFlight: 0,
    byStatus: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
  };

  /** Counts every request; first in the chain, so errors turned into pages are counted too. */
  middleware(): Middleware {
    return async (ctx, next) => {
      this.figures.inFlight++;
      try {
        await next();
      } finally {
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

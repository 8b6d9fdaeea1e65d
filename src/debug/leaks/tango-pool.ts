// The leak of 2015, on purpose, to practise finding it (`pugo serve --debug --drill
// tango-pool`): /drill/tango renders through a handler pool built the way tango's newPool was
// before the fix. Handlers are made 800 at a time, each request takes the next one and keeps
// it, with its view, for good; when a batch is used up a new one is made, and the old batches
// stay referenced. pugo's own HandlerPool (site/handler-pool.ts) is the fix: a few handlers,
// made when needed, reset and given back.

import type { Middleware } from 'koa';

/** tango made its handlers in batches of this many, per route. */
export const EAGER_BATCH = 800;

export const DRILL_PATH = '/drill/tango';

/** What a rendered drill page shows: enough of a view to weigh what a real one weighs. */
interface DrillView {
  path: string;
  n: number;
  title: string;
  /** The page as rendered: kept by the handler, as tango's handlers kept their context. */
  html: string;
}

/** A handler as tango's were: it keeps the view it rendered, and nothing resets it. */
export class DrillHandler {
  /**
   * tango's handler carried its context struct from the start: here 512 fields, about 4 KiB
   * of the JavaScript heap each (a Buffer's bytes would sit outside it, where no heap profile
   * looks).
   */
  readonly context: number[];
  view: DrillView | null = null;

  constructor() {
    // In the constructor's body, not a field initializer: profiles then name DrillHandler.
    this.context = new Array(512).fill(0);
  }

  render(path: string, n: number, title: string): string {
    const rows = Array.from(
      { length: 40 },
      (_, i) => `<li>${title} · row ${i} of request ${n}</li>`,
    );
    const html = `<!doctype html><html lang="en"><title>drill ${n}</title><h1>${title}</h1><ul>${rows.join('')}</ul>`;
    this.view = { path, n, title, html };
    return html;
  }
}

/**
 * tango's newPool before the fix: `size` handlers made at once, handed out one per request and
 * never given back; a used-up batch is replaced by a new one, and every batch is kept.
 */
export function newEagerPool(size = EAGER_BATCH) {
  const batches: DrillHandler[][] = [];
  // Named, so a profile's stack reads newEagerPool → take → makeHandler → DrillHandler.
  const makeHandler = () => new DrillHandler();
  let next = size;
  return {
    take(): DrillHandler {
      if (next >= size) {
        batches.push(Array.from({ length: size }, makeHandler));
        next = 0;
      }
      return batches[batches.length - 1][next++];
    },
    /** Handlers made so far: what /debug/vars and the README's walk-through show. */
    get made(): number {
      return batches.length * size;
    },
  };
}

/** The drill's route on the site's app: GET /drill/tango, rendered through the eager pool. */
export function tangoDrill(titleOf: () => string): Middleware {
  const pool = newEagerPool();
  let requests = 0;
  return async function drill(ctx, next) {
    if (ctx.path !== DRILL_PATH) return next();
    const handler = pool.take();
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = handler.render(ctx.path, ++requests, titleOf());
  };
}

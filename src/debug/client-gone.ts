// A profile that waits (a CPU profile, a heap delta) stops waiting when its client goes away:
// the lock, the profiler and the base profile it holds are let go at once, not N seconds later.

import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from 'koa';

/** Aborted when the response's connection closes before the response was sent. */
export function clientGone(ctx: Context): AbortSignal {
  const gone = new AbortController();
  ctx.res.once('close', () => {
    if (!ctx.res.writableFinished) gone.abort();
  });
  return gone.signal;
}

/** Resolves true after `seconds`, or false as soon as `gone` aborts. */
export async function waitUnlessGone(seconds: number, gone: AbortSignal): Promise<boolean> {
  try {
    await sleep(seconds * 1000, undefined, { signal: gone });
    return true;
  } catch (err) {
    if (gone.aborted) return false;
    throw err;
  }
}

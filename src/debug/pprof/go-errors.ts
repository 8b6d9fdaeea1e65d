// Errors as Go's net/http/pprof writes them, so `go tool pprof` prints the reason it got.

import type { Context } from 'koa';

/** Go's serveError: text/plain, X-Go-Pprof: 1, the message and a newline. */
export function goError(ctx: Context, status: number, message: string): void {
  ctx.status = status;
  ctx.set('X-Go-Pprof', '1');
  ctx.remove('Content-Disposition');
  ctx.type = 'text/plain; charset=utf-8';
  ctx.body = `${message}\n`;
}

/** Go's wording for each refusal, word for word where Go has one. */
export const GO_MESSAGES = {
  unknownProfile: 'Unknown profile',
  badSeconds: 'invalid value for "seconds" - must be a positive integer',
  secondsUnsupported: '"seconds" parameter is not supported for this profile type',
  secondsWithDebug: 'seconds and debug params are incompatible',
  tooLong: "profile duration exceeds server's WriteTimeout",
  cpuBusy: 'Could not enable CPU profiling: cpu profiling already in use',
} as const;

/**
 * `seconds` as Go reads it for a delta or CPU profile: a positive whole number, at most `max`.
 * Returns the number, or sends Go's error and returns null.
 */
export function readSeconds(ctx: Context, raw: string, max: number): number | null {
  const seconds = /^[0-9]{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(seconds > 0)) {
    goError(ctx, 400, GO_MESSAGES.badSeconds);
    return null;
  }
  if (seconds > max) {
    goError(ctx, 400, GO_MESSAGES.tooLong);
    return null;
  }
  return seconds;
}

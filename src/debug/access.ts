// Who may use the debug listener: loopback freely; any other address only with a bearer token.

import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Middleware } from 'koa';
import { PugoError } from '../errors.js';

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

/**
 * Profiles show a process's code and data: off loopback they need a secret. Checked before the
 * listener opens, so a mistake is a message at start, not an open port.
 */
export function checkExposure(host: string, token: string): void {
  if (!isLoopback(host) && token === '') {
    throw new PugoError(
      'PUGO_DEBUG_EXPOSED',
      `the debug listener would listen on ${host}, which is not loopback, without [debug] token; set a token or use 127.0.0.1`,
    );
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * With a token, every request needs `Authorization: Bearer <token>`. Compared in constant time
 * over fixed-length digests, so neither the length nor a prefix of the token leaks.
 */
export function requireToken(token: string): Middleware {
  const expected = digest(`Bearer ${token}`);
  return async function bearer(ctx, next) {
    if (token === '') return next();
    const given = digest(ctx.get('Authorization'));
    if (!timingSafeEqual(given, expected)) {
      ctx.status = 401;
      ctx.set('WWW-Authenticate', 'Bearer realm="pugo debug"');
      ctx.set('X-Go-Pprof', '1');
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = 'unauthorized: send Authorization: Bearer <[debug] token>\n';
      return;
    }
    return next();
  };
}

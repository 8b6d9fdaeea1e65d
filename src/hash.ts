// Content hashes: one function, so every fingerprint in pugo is made the same way.

import { hash } from 'node:crypto';

/** sha1, hex. The one-shot form: a third of createHash()'s cost for the small values valued often. */
export function hashBytes(bytes: Buffer | string): string {
  return hash('sha1', bytes, 'hex');
}

export function hashOf(value: unknown): string {
  return hashBytes(JSON.stringify(value));
}

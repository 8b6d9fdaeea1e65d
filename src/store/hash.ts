// Content hashes: one function, so every fingerprint in pugo is made the same way.

import { createHash } from 'node:crypto';

export function hashBytes(bytes: Buffer | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export function hashOf(value: unknown): string {
  return hashBytes(JSON.stringify(value));
}

// The dependency values (changes.ts) the last build rendered with, kept in the store in buckets:
// a build after one edit reads and writes again only the buckets holding what changed. Kept as
// one value, they were 1.4 MB at 4,000 posts, read, written and replayed by LevelDB's next open
// (70 ms against 9 ms with its log empty) on every build, for the handful that changed.

import { hashBytes } from '../hash.js';
import type { DepValues } from '../site/changes.js';
import type { Store, StoreOp } from '../store/store.js';

/** The meta key of the buckets' digests; each bucket is under `${VALUES_KEY}/${n}`. */
const VALUES_KEY = 'buildDeps';
const bucketKey = (bucket: number) => `${VALUES_KEY}/${bucket}`;

/** Bumped when how values are bucketed changes: the next build then renders every page. */
const VERSION = 2;

/** About 350 values each at 4,000 posts (23,000 values). */
const BUCKETS = 64;

interface KeptDigests {
  version: number;
  /** Each bucket's digest, by number: equal, it holds the same values. */
  digests: string[];
}

/** A snapshot's dependency values cut into buckets, each with its digest. */
export interface ValueBuckets {
  buckets: Map<string, string>[];
  digests: string[];
}

/** FNV-1a of the dependency's name: spreads names that differ only at the end. */
function bucketOf(dep: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < dep.length; i++) h = Math.imul(h ^ dep.charCodeAt(i), 0x01000193);
  return (h >>> 0) % BUCKETS;
}

export function cutValues(values: DepValues): ValueBuckets {
  const buckets = Array.from({ length: BUCKETS }, () => new Map<string, string>());
  for (const [dep, value] of values) buckets[bucketOf(dep)].set(dep, value);
  const digests = buckets.map((bucket) => {
    const rows: string[] = [];
    for (const [dep, value] of bucket) rows.push(`${dep}\u0000${value}`);
    return hashBytes(rows.join('\n'));
  });
  return { buckets, digests };
}

/** The digests the last build kept; none (every bucket differs) from a store without them. */
export async function keptDigests(store: Store): Promise<string[]> {
  const kept = await store.getMeta<KeptDigests>(VALUES_KEY);
  return kept?.version === VERSION ? kept.digests : [];
}

/**
 * The dependencies whose values differ from the last build's: only the buckets whose digests
 * differ are read. With nothing kept, every dependency has changed.
 */
export async function changedValues(
  store: Store,
  before: readonly string[],
  now: ValueBuckets,
): Promise<Set<string>> {
  const changed = new Set<string>();
  const differing = now.digests.flatMap((digest, n) => (before[n] === digest ? [] : [n]));
  const read = await Promise.all(
    differing.map((n) =>
      before[n] ? store.getMeta<Record<string, string>>(bucketKey(n)) : undefined,
    ),
  );
  for (const [i, n] of differing.entries()) {
    const last = read[i] ?? {};
    const bucket = now.buckets[n];
    for (const [dep, value] of bucket) if (last[dep] !== value) changed.add(dep);
    for (const dep of Object.keys(last)) if (!bucket.has(dep)) changed.add(dep);
  }
  return changed;
}

/** The writes that keep `now` for the next build: the buckets that differ, and the digests. */
export function keepValues(before: readonly string[], now: ValueBuckets): StoreOp[] {
  const ops: StoreOp[] = [];
  for (const [n, digest] of now.digests.entries()) {
    if (before[n] === digest) continue;
    ops.push({ type: 'putMeta', key: bucketKey(n), value: Object.fromEntries(now.buckets[n]) });
  }
  const kept: KeptDigests = { version: VERSION, digests: now.digests };
  ops.push({ type: 'putMeta', key: VALUES_KEY, value: kept });
  return ops;
}

// The static index's files as the build writes them and the built page reads them: docs.json,
// and the terms cut into SHARDS files by their first letters, document numbers as steps.

import type { PageSummary, PostSummary, Snapshot } from '../types.js';
import { shardOf } from './words.js';

/**
 * The static index is cut into this many files by the start of each term (shardOf), so the
 * built page fetches the one or two its query's words are in: 30-40 KB each at 1,000 posts.
 */
export const SHARDS = 64;

/** One file of the static index: each term's postings [doc, weight, …], documents as steps. */
export type Shard = Record<string, number[]>;

/**
 * What the files of the static index are made from: each document's length, and each shard.
 * The server's are its in-memory index; a build's are the ones it kept (kept-index.ts).
 */
export interface IndexFiles {
  readonly lengths: ArrayLike<number>;
  readonly averageLength: number;
  shardJson(shard: number): string | Promise<string>;
}

/** The entries the index holds: every shown post, newest first, then every page with a URL. */
export function searchedEntries(snap: Snapshot): (PostSummary | PageSummary)[] {
  return [...snap.posts, ...snap.pages];
}

/** Postings [doc, weight, …] with each document as the step from the one before. */
export function toSteps(list: readonly number[]): number[] {
  // '1,1,' where '871,1,' was (-35%).
  const steps = list.slice();
  for (let i = steps.length - 2; i >= 2; i -= 2) steps[i] -= steps[i - 2];
  return steps;
}

/** The postings of a shard's term as document numbers again: toSteps undone. */
export function fromSteps(steps: readonly number[]): number[] {
  const list = steps.slice();
  for (let i = 2; i < list.length; i += 2) list[i] += list[i - 2];
  return list;
}

/**
 * A shard's file from its terms' postings [doc, weight, …] in document order: the terms sorted,
 * documents as steps. The index, the build's patch and its whole make all cut files with this, so
 * a patched file is byte for byte the file a fresh build writes.
 */
export function shardText(lists: ReadonlyMap<string, readonly number[]>): string {
  const shard: Shard = {};
  for (const term of [...lists.keys()].sort()) shard[term] = toSteps(lists.get(term) ?? []);
  return JSON.stringify(shard);
}

/** The shard a term's postings are in. */
export const shardOfTerm = (term: string): number => shardOf(term, SHARDS);

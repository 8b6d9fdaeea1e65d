// The static index as the last build wrote it, kept in the store, so that the build after an
// edit remakes only the term files the edit changed. At 1,000 posts a sentence appended to one
// post changes 3 of the 64 files; making them all again read every entry's terms (3.5 MB) and
// inverted them, 130 ms of a 420 ms build.
//
// What is kept: the entries in the order their numbers were given, with the source hash each
// was indexed at, its length, and a digest of its postings in each shard; and each shard's
// terms. A build whose entries are the same, in the same order, reads the terms of those whose
// source changed, compares their digests shard by shard, and patches the shards that differ.
// The ids, hashes and digests are kept in chunks of CHUNK documents, each named in the kept
// docs by a digest of its ids and one of its hashes: a build reads and writes again only the
// chunks whose documents changed (kept whole, they were 1.8 MB at 4,000 posts, every build).
// Any other build (a post added, removed or moved in the order, settings changed) makes the
// index from every entry's terms, as the server does, and keeps it.

import { hashBytes } from '../hash.js';
import type { Store, StoreOp } from '../store/store.js';
import { FINGERPRINT_KEY } from '../store/sync.js';
import type { Snapshot } from '../types.js';
import {
  fromSteps,
  type IndexFiles,
  SHARDS,
  type Shard,
  searchedEntries,
  shardOfTerm,
  shardText,
} from './index-files.js';
import type { SearchTerms } from './search-record.js';

/** Bumped when what is kept, or how a shard is cut, changes: the next build makes it anew. */
const VERSION = 2;
const DOCS_KEY = 'searchFiles';
const shardKey = (shard: number) => `searchFiles/${shard}`;
const chunkKey = (chunk: number) => `searchFiles/docs/${chunk}`;

/** Documents per kept chunk: 16 chunks of about 90 KB at 4,000 posts. */
const CHUNK = 256;

/** What the last build indexed, by document number. */
interface KeptDocs {
  version: number;
  /** The parse fingerprint: new settings or a new pugo may split the same source differently. */
  fingerprint: string;
  lengths: number[];
  /** Each shard's file digest: the value of its dependency (changes.ts shardDep). */
  shards: string[];
  /** Each chunk's digest of its documents' ids (chunkDigests). */
  chunkIds: string[];
  /** Each chunk's digest of the source hashes its documents were indexed at. */
  chunkHashes: string[];
}

/** Documents CHUNK × n to CHUNK × (n + 1) of the index. */
interface KeptChunk {
  hashes: string[];
  /** Each document's postings digest per shard (shardDigests). */
  digests: string[];
}

/** Each chunk's digest of its entries' ids, and of their source hashes. */
function chunkDigests(entries: readonly { id: string; sourceHash: string }[]) {
  const ids: string[] = [];
  const hashes: string[] = [];
  for (let from = 0; from < entries.length; from += CHUNK) {
    const chunk = entries.slice(from, from + CHUNK);
    ids.push(hashBytes(chunk.map((entry) => entry.id).join('\n')));
    hashes.push(hashBytes(chunk.map((entry) => entry.sourceHash).join('\n')));
  }
  return { ids, hashes };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

const NO_TERMS: SearchTerms = { len: 0, terms: [] };

/** Entries whose terms a whole make reads at once. */
const READ_BATCH = 500;

export class KeptIndex implements IndexFiles {
  readonly averageLength: number;

  private constructor(
    private readonly store: Store,
    private readonly docs: KeptDocs,
    /** The shards this build has in memory, as JSON: the ones it made or patched. */
    private readonly made: Map<number, string>,
  ) {
    const total = docs.lengths.reduce((sum, len) => sum + len, 0);
    this.averageLength = docs.lengths.length ? total / docs.lengths.length : 0;
  }

  get lengths(): readonly number[] {
    return this.docs.lengths;
  }

  /** Each shard's digest, by number: what the build compares to remake only the files that differ. */
  get shardValues(): readonly string[] {
    return this.docs.shards;
  }

  async shardJson(shard: number): Promise<string> {
    return this.made.get(shard) ?? (await this.store.getMeta<string>(shardKey(shard))) ?? '{}';
  }

  /** The kept index brought up to `snap`, and kept again in the store. */
  static async update(store: Store, snap: Snapshot): Promise<KeptIndex> {
    const entries = searchedEntries(snap);
    const fingerprint = (await store.getMeta<string>(FINGERPRINT_KEY)) ?? '';
    const kept = await store.getMeta<KeptDocs>(DOCS_KEY);
    const current = chunkDigests(entries);
    const same =
      kept?.version === VERSION &&
      kept.fingerprint === fingerprint &&
      kept.lengths.length === entries.length &&
      sameList(kept.chunkIds, current.ids);
    if (!same) return KeptIndex.made(store, snap, fingerprint);
    const stale = current.hashes.flatMap((digest, n) =>
      kept.chunkHashes[n] === digest ? [] : [n],
    );
    if (!stale.length) return new KeptIndex(store, kept, new Map());
    const chunks = new Map<number, KeptChunk>();
    for (const n of stale) {
      const chunk = await store.getMeta<KeptChunk>(chunkKey(n));
      if (!chunk) return KeptIndex.made(store, snap, fingerprint);
      chunks.set(n, chunk);
    }
    const changed = stale.flatMap((n) => {
      const { hashes } = chunks.get(n) as KeptChunk;
      return hashes.flatMap((hash, i) =>
        entries[n * CHUNK + i].sourceHash === hash ? [] : [n * CHUNK + i],
      );
    });
    const read = await store.searchTerms(changed.map((doc) => entries[doc].id));
    // Each shard a changed document's postings differ in, with its new postings there.
    const dirty = new Map<number, Map<number, SearchTerms['terms']>>();
    for (const doc of changed) {
      const chunk = chunks.get(Math.floor(doc / CHUNK)) as KeptChunk;
      const at = doc % CHUNK;
      const terms = read.get(entries[doc].id) ?? NO_TERMS;
      const digests = shardDigests(terms.terms);
      const now = Buffer.from(digests, 'base64');
      const before = Buffer.from(chunk.digests[at] ?? '', 'base64');
      const cut = cutByShard(terms);
      for (let shard = 0; shard < SHARDS; shard++) {
        const at = shard * 4;
        if (before.length > at && now.readUInt32LE(at) === before.readUInt32LE(at)) continue;
        const docs = dirty.get(shard) ?? new Map();
        docs.set(doc, cut.get(shard) ?? []);
        dirty.set(shard, docs);
      }
      chunk.hashes[at] = entries[doc].sourceHash;
      chunk.digests[at] = digests;
      kept.lengths[doc] = terms.len;
    }
    kept.chunkHashes = current.hashes;
    const made = new Map<number, string>();
    const ops: StoreOp[] = [];
    for (const [shard, docs] of dirty) {
      const text = (await store.getMeta<string>(shardKey(shard))) ?? '{}';
      const patched = patchShard(JSON.parse(text), docs);
      made.set(shard, patched);
      kept.shards[shard] = hashBytes(patched);
      ops.push({ type: 'putMeta', key: shardKey(shard), value: patched });
    }
    for (const [n, chunk] of chunks) ops.push({ type: 'putMeta', key: chunkKey(n), value: chunk });
    ops.push({ type: 'putMeta', key: DOCS_KEY, value: kept });
    await store.commit(ops);
    return new KeptIndex(store, kept, made);
  }

  /**
   * The index made from every entry's terms, and kept whole. The terms are read READ_BATCH
   * entries at a time and each shard's postings let go once its file is cut: at 10,000 posts
   * the server's way (SearchIndex, with every entry's terms kept for the next snapshot) held
   * 220 MB at once.
   */
  private static async made(store: Store, snap: Snapshot, fingerprint: string): Promise<KeptIndex> {
    const entries = searchedEntries(snap);
    const lists = Array.from({ length: SHARDS }, () => new Map<string, number[]>());
    const lengths: number[] = [];
    const digests: string[] = [];
    for (let from = 0; from < entries.length; from += READ_BATCH) {
      const batch = entries.slice(from, from + READ_BATCH);
      const read = await store.searchTerms(batch.map((entry) => entry.id));
      for (const [i, entry] of batch.entries()) {
        const { len, terms } = read.get(entry.id) ?? NO_TERMS;
        lengths.push(len);
        digests.push(shardDigests(terms));
        for (let t = 0; t < terms.length; t += 2) {
          const term = terms[t] as string;
          const shard = lists[shardOfTerm(term)];
          const list = shard.get(term);
          if (list) list.push(from + i, terms[t + 1] as number);
          else shard.set(term, [from + i, terms[t + 1] as number]);
        }
      }
    }
    const ops: StoreOp[] = [];
    const shards = lists.map((terms, shard) => {
      const value = shardText(terms);
      terms.clear();
      ops.push({ type: 'putMeta', key: shardKey(shard), value });
      return hashBytes(value);
    });
    const { ids, hashes } = chunkDigests(entries);
    const docs: KeptDocs = {
      version: VERSION,
      fingerprint,
      lengths,
      shards,
      chunkIds: ids,
      chunkHashes: hashes,
    };
    for (let from = 0, n = 0; from < entries.length; from += CHUNK, n++) {
      const part = entries.slice(from, from + CHUNK);
      const chunk: KeptChunk = {
        hashes: part.map((entry) => entry.sourceHash),
        digests: digests.slice(from, from + CHUNK),
      };
      ops.push({ type: 'putMeta', key: chunkKey(n), value: chunk });
    }
    ops.push({ type: 'putMeta', key: DOCS_KEY, value: docs });
    await store.commit(ops);
    // The files are read back from the store as they are written: not held through the build.
    return new KeptIndex(store, docs, new Map());
  }
}

/** A document's terms, flat as kept (term, weight, …), cut by the shard each term is in. */
function cutByShard({ terms }: SearchTerms): Map<number, SearchTerms['terms']> {
  const cut = new Map<number, SearchTerms['terms']>();
  for (let i = 0; i < terms.length; i += 2) {
    const shard = shardOfTerm(terms[i] as string);
    const part = cut.get(shard);
    if (part) part.push(terms[i], terms[i + 1]);
    else cut.set(shard, [terms[i], terms[i + 1]]);
  }
  return cut;
}

/**
 * `shard` with the postings of each of `docs` replaced by the given terms (term, weight, …),
 * each list in document order and the terms sorted, as SearchIndex.shard cuts them.
 */
function patchShard(shard: Shard, docs: Map<number, SearchTerms['terms']>): string {
  const lists = new Map<string, number[]>();
  for (const [term, steps] of Object.entries(shard)) {
    const list = fromSteps(steps);
    const kept: number[] = [];
    for (let i = 0; i < list.length; i += 2) {
      if (!docs.has(list[i])) kept.push(list[i], list[i + 1]);
    }
    if (kept.length) lists.set(term, kept);
  }
  for (const [doc, terms] of docs) {
    for (let i = 0; i < terms.length; i += 2) {
      const term = terms[i] as string;
      const list = lists.get(term) ?? [];
      insertPosting(list, doc, terms[i + 1] as number);
      lists.set(term, list);
    }
  }
  return shardText(lists);
}

/** Puts (doc, weight) into postings kept in document order. */
function insertPosting(list: number[], doc: number, weight: number): void {
  let at = list.length;
  while (at > 0 && list[at - 2] > doc) at -= 2;
  list.splice(at, 0, doc, weight);
}

/**
 * A digest of a document's postings in each shard: per shard, the sum of a hash of each of its
 * (term, weight), so the same postings in another order digest alike. SHARDS 32-bit sums, base64.
 */
function shardDigests(terms: SearchTerms['terms']): string {
  const sums = new Uint32Array(SHARDS);
  for (let i = 0; i < terms.length; i += 2) {
    const term = terms[i] as string;
    sums[shardOfTerm(term)] += postingHash(term, terms[i + 1] as number);
  }
  return Buffer.from(sums.buffer).toString('base64');
}

/** FNV-1a over the term and its weight, mixed by murmur3's finalizer so that sums spread. */
function postingHash(term: string, weight: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ weight, 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

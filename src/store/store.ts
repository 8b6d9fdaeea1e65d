// The Store interface: what the rest of pugo may ask of the derived content database.

import type { SearchTerms } from '../search/search-record.js';
import type { ContentProblem, EncodedEntry, Entry, PageSummary, PostSummary } from '../types.js';

/** Where an entry sits in the indexes, kept with its file so a change or delete needs no read. */
export interface IndexKeys {
  path: string;
  byDate: string | null;
}

/** What the store remembers of one content file. */
export interface FileRecord {
  mtimeMs: number;
  size: number;
  hash: string;
  /** Set while the file's current bytes do not parse; the last good entry stays served. */
  problem: ContentProblem | null;
  /** What its fields' values gave as warnings when its current bytes were parsed. */
  warnings: ContentProblem[];
  /** The indexes of the entry now stored for this file (its last good version), if any. */
  index: IndexKeys | null;
}

/** What the last build wrote of one file under dest/. */
export interface OutputRecord {
  /** The hash of the bytes written; '' for a file a build that did not finish may have made. */
  hash: string;
  /** What a rendered page shows (site/changes.ts): the build renders it again when one changes. */
  deps?: readonly string[];
}

/** One write the sync commits; every change of a sync goes in a single atomic batch (see batch()). */
export type StoreOp =
  | { type: 'putFile'; id: string; record: FileRecord }
  | { type: 'delFile'; id: string }
  | {
      type: 'putEntry';
      entry: Entry;
      index: IndexKeys;
      previous: IndexKeys | null;
      /** The stored values already serialised elsewhere (a parse worker); `entry` may be light. */
      encoded?: EncodedEntry;
    }
  | { type: 'delEntry'; id: string; kind: 'post' | 'page'; index: IndexKeys }
  | { type: 'putMeta'; key: string; value: unknown }
  | { type: 'putOutput'; path: string; record: OutputRecord }
  | { type: 'delOutput'; path: string };

/** Ops staged one by one and written as one atomic batch; nothing is written before write(). */
export interface StoreBatch {
  stage(op: StoreOp): void;
  write(): Promise<void>;
}

export interface StoreFigures {
  location: string;
  files: number;
  posts: number;
  pages: number;
  batches: number;
  reads: number;
}

export interface Store {
  readonly location: string;
  files(): Promise<Map<string, FileRecord>>;
  /** Every post summary, newest first. */
  postSummaries(): Promise<PostSummary[]>;
  pageSummaries(): Promise<PageSummary[]>;
  entryByPath(path: string): Promise<Entry | undefined>;
  /** The summaryHtml of the posts `ids` that are stored, by id: what a list shows of each. */
  summaryHtml(ids: readonly string[]): Promise<Map<string, string>>;
  /** The search terms of `ids`, or of every entry, by id (search/site-search.ts indexes them). */
  searchTerms(ids?: string[]): Promise<Map<string, SearchTerms>>;
  getMeta<T>(key: string): Promise<T | undefined>;
  /** What the last build wrote: file under dest/ → its record. */
  outputs(): Promise<Map<string, OutputRecord>>;
  commit(ops: StoreOp[]): Promise<void>;
  /**
   * A batch whose ops are encoded as they are staged, for writes too big to hold as objects.
   * With `fill` (the store is empty) it may write parts as it goes: a store a stopped fill left
   * part-written is emptied when next opened, as it was before.
   */
  batch(options?: { fill?: boolean }): StoreBatch;
  /** Ready to write again after a fault of the machine, or throws it again (the disk is full). */
  ensureWritable(): Promise<void>;
  /** Empties every keyspace (schema change, forced rebuild). */
  clear(): Promise<void>;
  figures(): StoreFigures;
  close(): Promise<void>;
}

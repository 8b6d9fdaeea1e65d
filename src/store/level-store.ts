// The Store on LevelDB (`level`): one sublevel per keyspace, every sync one atomic batch (a
// sync filling an empty store in parts, undone on open if it stopped part-way).

import { existsSync } from 'node:fs';
import type { AbstractBatchOperation } from 'abstract-level';
import type { IteratorOptions } from 'level';
import type { PugoError } from '../errors.js';
import { asFault } from '../faults.js';
import type { Logger } from '../log.js';
import type { SearchTerms } from '../search/search-record.js';
import type { EncodedEntry, Entry, Page, PageSummary, Post, PostSummary } from '../types.js';
import { type Db, isCorruption, moveAsideAndOpen, openDb } from './open-db.js';
import type {
  FileRecord,
  IndexKeys,
  OutputRecord,
  Store,
  StoreBatch,
  StoreFigures,
  StoreOp,
} from './store.js';

/** Bump when the shape of stored values changes: a store of another version is rebuilt. */
export const SCHEMA_VERSION = 7;

const sublevelOf = (db: Db, name: string) =>
  db.sublevel<string, unknown>(name, { valueEncoding: 'json' });
type Sub = ReturnType<typeof sublevelOf>;
type BatchOp = AbstractBatchOperation<Db, string, unknown>;

/**
 * For a read of a whole keyspace: classic-level's iterator hands entries over in chunks of at
 * most highWaterMarkBytes (16 KiB by default), one trip through the thread pool each. Reading
 * 4,000 summaries (4 MB) took 270 trips and 50-90 ms; in one chunk, 25-50 ms. Everything read is
 * kept anyway (all()), so the bigger chunk holds nothing longer. Sublevels pass it on.
 */
const WHOLE: IteratorOptions<string, unknown> = { highWaterMarkBytes: 64 * 1024 * 1024 };

/**
 * A sync that fills an empty store (a first build, any build in CI) writes its batch in parts of
 * about this many bytes as its files are parsed, so that LevelDB never holds the whole site
 * twice (in its write batch, then in its memtable): at 10,000 posts that batch was 141 MB, and
 * the build peaked at 840 MB. Smaller syncs, and any sync into a store with content, stay one
 * batch.
 */
const PART_BYTES = 4 * 1024 * 1024;

/**
 * Set by the first part of a filling sync and deleted by its last. A store opened with it was
 * left part-filled by a stopped sync: it held nothing before that sync, and is emptied again.
 */
const FILLING_KEY = 'filling';

/** A value that is JSON already: written as its text into a json keyspace, not encoded again. */
class Raw {
  constructor(readonly json: string) {}
}

/** Where staged writes go: an array for commit(), a native chained batch for batch(). */
interface Sink {
  put(sublevel: Sub, key: string, value: unknown): void;
  del(sublevel: Sub, key: string): void;
}

/** Every keyspace of the store, as sublevels of one LevelDB. */
export const KEYSPACES = [
  'files',
  'posts',
  'pages',
  'byDate',
  'summaries',
  'byPath',
  'outputs',
  'meta',
  'search',
] as const;
export type Keyspace = (typeof KEYSPACES)[number];
type Spaces = Record<Keyspace, Sub>;

function spacesOf(db: Db): Spaces {
  return Object.fromEntries(KEYSPACES.map((name) => [name, sublevelOf(db, name)])) as Spaces;
}

export class LevelStore implements Store {
  /** Replaced by recover(), when the store turned out to be corrupt, and by ensureWritable(). */
  private db: Db;
  /**
   * Set when a write failed for a fault of the machine (a full disk): LevelDB then refuses every
   * later write until it is opened again, so the next write opens it again first.
   */
  private faulted: PugoError | null = null;
  private s: Spaces;
  /** Figures for /debug/vars; files, posts and pages as of the last full read of each. */
  private counts = { batches: 0, reads: 0, files: 0, posts: 0, pages: 0 };

  private constructor(
    readonly location: string,
    db: Db,
    private readonly log: Logger,
  ) {
    this.db = db;
    this.s = spacesOf(db);
  }

  /** Opens (or creates) the store; a store of another schema version is emptied. */
  static async open(location: string, log: Logger): Promise<LevelStore> {
    const store = new LevelStore(location, await openDb(location, log), log);
    // The first read: a table file cut short often shows here, after LevelDB opened it.
    await store.checkSchema().catch(async (err) => {
      if (!isCorruption(err)) throw err;
      await store.recover(err);
    });
    return store;
  }

  private async checkSchema(): Promise<void> {
    const [schema, filling] = (await this.s.meta.getMany(['schema', FILLING_KEY])) as unknown[];
    if (schema === SCHEMA_VERSION && filling === undefined) return;
    if (filling !== undefined)
      this.log.info(
        `the store ${this.location} was left part-filled by a stopped sync: emptied it, to fill from content`,
      );
    else if (schema !== undefined)
      this.log.warn(
        `the store ${this.location} is of schema ${schema}, this pugo writes ${SCHEMA_VERSION}: rebuilding it from content`,
      );
    await this.clear();
    await this.s.meta.put('schema', SCHEMA_VERSION);
  }

  /**
   * The store opened but a read found it corrupt (a garbled or truncated table file): it is
   * moved aside, with a message naming both places, and an empty one takes its place for a sync
   * to fill from content. Nothing of the writer's is lost: content is the source of truth.
   */
  async recover(cause: unknown): Promise<void> {
    await this.db.close().catch(() => {});
    this.db = await moveAsideAndOpen(this.location, this.log, cause);
    this.s = spacesOf(this.db);
    await this.checkSchema();
  }

  /**
   * Opens the store again after a write failed for a fault of the machine; throws that fault
   * again while the machine still has it (the disk is still full). A no-op otherwise.
   */
  async ensureWritable(): Promise<void> {
    // A store folder deleted under a running server (a clean-up script, a user): LevelDB would
    // go on writing into files no longer in any folder, and lose them at exit. A new store is
    // made in its place, and the sync that asked fills it from content.
    const gone = !existsSync(this.location);
    if (!this.faulted && !gone) return;
    if (gone) this.log.warn(`the store ${this.location} was deleted; making it anew from content`);
    await this.db.close().catch(() => {});
    this.db = await openDb(this.location, this.log);
    this.s = spacesOf(this.db);
    this.faulted = null;
    if (gone) await this.checkSchema();
  }

  /** A write; a fault of the machine becomes its coded error, and the store is opened again next. */
  private async writing<T>(work: () => Promise<T>): Promise<T> {
    await this.ensureWritable();
    try {
      return await work();
    } catch (err) {
      const fault = asFault(err, 'writing the store', this.location);
      if (!fault) throw err;
      this.faulted = fault;
      throw fault;
    }
  }

  /** The fault the last write failed with, until a write succeeds again (for /healthz). */
  get fault(): PugoError | null {
    return this.faulted;
  }

  async files(): Promise<Map<string, FileRecord>> {
    this.counts.reads++;
    const files = new Map((await this.s.files.iterator(WHOLE).all()) as [string, FileRecord][]);
    this.counts.files = files.size;
    return files;
  }

  async postSummaries(): Promise<PostSummary[]> {
    this.counts.reads++;
    const posts = (await this.s.byDate.values({ ...WHOLE, reverse: true }).all()) as PostSummary[];
    this.counts.posts = posts.length;
    return posts;
  }

  async pageSummaries(): Promise<PageSummary[]> {
    this.counts.reads++;
    const pages = (await this.s.pages.values(WHOLE).all()) as Page[];
    this.counts.pages = pages.length;
    return pages.map(({ html: _h, toc: _t, ...summary }) => summary);
  }

  /**
   * Two synchronous reads. A get through the thread pool cost the main thread more in hand-offs
   * than the read itself (90 ms of 1,157 pages on 2 cores); LevelDB answers these from its
   * block cache or the page cache, in microseconds.
   */
  async entryByPath(path: string): Promise<Entry | undefined> {
    this.counts.reads++;
    const ref = this.s.byPath.getSync(path) as { id: string; kind: 'post' | 'page' } | undefined;
    if (!ref) return undefined;
    const space = ref.kind === 'post' ? this.s.posts : this.s.pages;
    return space.getSync(ref.id) as Entry | undefined;
  }

  /** Synchronous reads, as entryByPath's: a list asks for ten, the archive once for each post. */
  async summaryHtml(ids: readonly string[]): Promise<Map<string, string>> {
    this.counts.reads++;
    const found = new Map<string, string>();
    for (const id of ids) {
      const html = this.s.summaries.getSync(id) as string | undefined;
      if (html !== undefined) found.set(id, html);
    }
    return found;
  }

  async searchTerms(ids?: string[]): Promise<Map<string, SearchTerms>> {
    this.counts.reads++;
    if (!ids)
      return new Map((await this.s.search.iterator(WHOLE).all()) as [string, SearchTerms][]);
    const values = (await this.s.search.getMany(ids)) as (SearchTerms | undefined)[];
    const found = new Map<string, SearchTerms>();
    for (const [i, id] of ids.entries()) if (values[i]) found.set(id, values[i]);
    return found;
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await this.s.meta.get(key)) as T | undefined;
  }

  async outputs(): Promise<Map<string, OutputRecord>> {
    return new Map((await this.s.outputs.iterator(WHOLE).all()) as [string, OutputRecord][]);
  }

  /**
   * Every key of `space` with its value as the stored text, not decoded: a consistency check
   * reads this way so that a value which is not the JSON written shows up as a finding rather
   * than as a decode error on the first bad value.
   */
  async rawEntries(space: Keyspace): Promise<[string, string][]> {
    this.counts.reads++;
    return this.s[space].iterator<string, string>({ ...WHOLE, valueEncoding: 'utf8' }).all();
  }

  async commit(ops: StoreOp[]): Promise<void> {
    if (ops.length === 0) return;
    // The array form: measured here at half the cost of a chained batch for a 1,000-post sync.
    const batch: BatchOp[] = [];
    const sink: Sink = {
      put: (sublevel, key, value) =>
        batch.push(
          value instanceof Raw
            ? { type: 'put', key, value: value.json, sublevel, valueEncoding: 'utf8' }
            : { type: 'put', key, value, sublevel },
        ),
      del: (sublevel, key) => batch.push({ type: 'del', key, sublevel }),
    };
    for (const op of ops) this.stage(sink, op);
    await this.writing(() => this.db.batch(batch));
    this.counts.batches++;
  }

  /**
   * classic-level's chained batch copies each op into its native write batch when staged, so
   * the entries need not stay in memory until the write: a 4,000-post sync peaked at 620 MB
   * holding them all (an array batch is faster to write, and commit() uses it for small sets).
   * A batch that fills an empty store writes itself in parts (PART_BYTES) as it is staged.
   */
  batch({ fill = false }: { fill?: boolean } = {}): StoreBatch {
    let chained = this.db.batch();
    let bytes = 0;
    let parts = 0;
    let written = Promise.resolve();
    const sink: Sink = {
      put: (sublevel, key, value) => {
        const json = value instanceof Raw ? value.json : JSON.stringify(value);
        bytes += key.length + json.length;
        chained.put(key, json, { sublevel, valueEncoding: 'utf8' });
      },
      del: (sublevel, key) => void chained.del(key, { sublevel }),
    };
    const writePart = () => {
      // The first part marks the store as filling; the last one, written with the rest, clears it.
      if (parts++ === 0) sink.put(this.s.meta, FILLING_KEY, Date.now());
      const part = chained;
      chained = this.db.batch();
      bytes = 0;
      written = written.then(() => this.writing(() => part.write()));
      // Kept for write(), which throws it; a part after a failed one is never written.
      written.catch(() => part.close());
      this.counts.batches++;
    };
    return {
      stage: (op) => {
        this.stage(sink, op);
        if (fill && bytes >= PART_BYTES) writePart();
      },
      write: async () => {
        await written.catch((err) => {
          void chained.close();
          throw err;
        });
        if (parts) sink.del(this.s.meta, FILLING_KEY);
        await this.writing(async () => {
          await chained.write();
          this.counts.batches++;
          // LevelDB moves a full memtable to a table file only when the next write starts, and
          // closing the store abandons a move in progress: after a big sync the next open then
          // replays the whole log (0.7 s at 4,000 posts). A small write now starts the move
          // while the build or the server is still running.
          await this.s.meta.put('syncedAt', Date.now());
        });
      },
    };
  }

  private stage({ put, del }: Sink, op: StoreOp): void {
    const { s } = this;
    switch (op.type) {
      case 'putFile':
        return void put(s.files, op.id, op.record);
      case 'delFile':
        return void del(s.files, op.id);
      case 'putEntry':
        if (op.previous) unindex(op.previous);
        return void putEntry(op.entry, op.index, op.encoded);
      case 'delEntry':
        del(op.kind === 'post' ? s.posts : s.pages, op.id);
        if (op.kind === 'post') del(s.summaries, op.id);
        del(s.search, op.id);
        return void unindex(op.index);
      case 'putMeta':
        return void put(s.meta, op.key, op.value);
      case 'putOutput':
        return void put(s.outputs, op.path, op.record);
      case 'delOutput':
        return void del(s.outputs, op.path);
    }
    function unindex(index: IndexKeys) {
      del(s.byPath, index.path);
      if (index.byDate) del(s.byDate, index.byDate);
    }
    function putEntry(parsed: Entry, index: IndexKeys, encoded?: EncodedEntry) {
      const { search, ...entry } = parsed;
      put(s.byPath, index.path, { id: entry.id, kind: entry.kind });
      putSearch(entry.id, encoded ? encoded.search : search ? JSON.stringify(search) : null);
      const value = encoded ? new Raw(encoded.entry) : entry;
      if (entry.kind === 'page') return void put(s.pages, entry.id, value);
      put(s.posts, entry.id, value);
      const summary = encoded?.summary ? new Raw(encoded.summary) : summarize(entry);
      if (index.byDate) put(s.byDate, index.byDate, summary);
      put(
        s.summaries,
        entry.id,
        encoded?.summaryHtml ? new Raw(encoded.summaryHtml) : entry.summaryHtml,
      );
    }
    function putSearch(id: string, search: string | null) {
      if (search) put(s.search, id, new Raw(search));
      else del(s.search, id);
    }
  }

  async clear(): Promise<void> {
    await this.db.clear();
    this.counts.batches++;
  }

  figures(): StoreFigures {
    return { location: this.location, ...this.counts };
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

function summarize(post: Post): PostSummary {
  const { html: _h, toc: _t, search: _s, summaryHtml: _sh, ...summary } = post;
  return summary;
}

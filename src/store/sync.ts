// Sync: bring the store in line with the content folder, parsing only what changed, in one batch.

import fs from 'node:fs';
import { promisify } from 'node:util';
import type { ParseJob, ParseOutcome, ParseSettings } from '../content/parse/jobs.js';
import type { ParseContext } from '../content/parse-entry.js';
import { kindOf, scanContent } from '../content/scan.js';
import { eachLimited } from '../each-limited.js';
import { PugoError } from '../errors.js';
import { asFault } from '../faults.js';
import { hashBytes, hashOf } from '../hash.js';
import type { ContentProblem, SourceFile } from '../types.js';
import type { StatTree } from '../walk.js';
import { indexKeysOf } from './keys.js';
import type { FileRecord, Store, StoreBatch } from './store.js';

export interface SyncResult {
  scanned: number;
  /** Files parsed this time, whether they parsed or gave a problem. */
  parsed: number;
  deleted: number;
  /** Ids of files added, changed or deleted (problems excluded). */
  changed: string[];
  problems: ContentProblem[];
}

export interface SyncOptions {
  contentDir: string;
  settings: ParseSettings;
  /** The context for parsing on this thread, when too few files changed to start workers. */
  inline: () => Promise<ParseContext>;
  /** The main thread parses too, beside the workers (see parseMany): nothing is being served. */
  shareMainThread?: boolean;
  /** The content folder as just walked, read instead of walking it again (see scanContent). */
  listed?: StatTree;
  /** Anything parsing depends on besides the file (config, parser version): a change re-parses all. */
  fingerprint: string;
}

// The callback form: fs/promises' FileHandle round trips cost more than reading a small post.
const readFile = promisify(fs.readFile);

/** Files read at once while a sync looks at them: before, each read waited on the one before. */
const READERS = 16;

/** The meta key of the fingerprint parsing depends on. */
export const FINGERPRINT_KEY = 'parseFingerprint';

/**
 * The meta key of the content's digest: every file's id and hash, as this sync left them. A
 * build compares it with its last one's, so an unchanged site is known without reading a post.
 */
export const CONTENT_KEY = 'contentDigest';

export async function syncStore(store: Store, opts: SyncOptions): Promise<SyncResult> {
  await store.ensureWritable();
  const sources = await scanContent(opts.contentDir, opts.settings, opts.listed);
  const records = await store.files();
  const reparseAll = (await store.getMeta<string>(FINGERPRINT_KEY)) !== opts.fingerprint;
  // Every change of this sync goes into one batch, written at the end or not at all: a process
  // killed before then leaves the store as it was. Filling an empty store, it is written in
  // parts, and a store left part-filled is emptied on open (level-store.ts).
  const batch = store.batch({ fill: records.size === 0 });
  const run = new SyncRun(records, reparseAll, batch);
  run.deleteMissing(new Set(sources.map((f) => f.id)));
  const jobs = await visitAll(run, sources);
  if (!reparseAll && jobs.length <= SEEDED_JOBS) await readBefore(store, jobs);
  if (jobs.length) {
    // The parser (markdown-it, highlight.js) loads only when a file changed: a no-change
    // rebuild starts faster without it. Each entry is staged (encoded into the batch) as it
    // comes, in file order, and dropped.
    const { parseMany } = await import('../content/parse/many.js');
    const { inline, shareMainThread } = opts;
    await parseMany(jobs, opts.settings, { inline, shareMainThread }, (i, outcome) =>
      run.apply(jobs[i], outcome),
    );
  }
  batch.stage({ type: 'putMeta', key: FINGERPRINT_KEY, value: opts.fingerprint });
  batch.stage({ type: 'putMeta', key: CONTENT_KEY, value: run.digest() });
  await batch.write();
  return run.result(sources.length);
}

/**
 * Up to this many changed files (a writer's save, a one-post rebuild) are given their last
 * rendered body: its highlighted code is reused (seedHighlights). More than that, parsing runs
 * on warm workers, and the old bodies would all be held at once.
 */
const SEEDED_JOBS = 64;

/** Each job's body as the store has it from the file's last version, if it had one. */
async function readBefore(store: Store, jobs: Pending[]): Promise<void> {
  for (const job of jobs) {
    if (job.previous) job.before = (await store.entryByPath(job.previous.path))?.html;
  }
}

/**
 * Looks at every file and returns the jobs, in file order. The files whose size or mtime changed
 * are read READERS at a time, then judged in order: staged ops and problems come out the same
 * whichever read finished first. (Jobs hold their bytes until parsed, as they did read one by one.)
 */
async function visitAll(run: SyncRun, sources: SourceFile[]): Promise<Pending[]> {
  const toRead = sources.filter((file) => !run.unchanged(file));
  const reads: (Buffer | Unread)[] = new Array(toRead.length);
  await eachLimited([...toRead.keys()], READERS, async (i) => {
    reads[i] = await readFile(toRead[i].abs).catch((err: unknown) => ({ err }));
  });
  const jobs: Pending[] = [];
  for (const [i, file] of toRead.entries()) {
    const job = run.judge(file, reads[i]);
    if (job) jobs.push(job);
  }
  return jobs;
}

/** A read that failed, judged in its file's turn. */
interface Unread {
  err: unknown;
}

/** A file whose bytes changed: parsed after every file has been looked at. */
interface Pending extends ParseJob {
  stat: Omit<FileRecord, 'problem' | 'warnings' | 'index'>;
  previous: FileRecord['index'];
}

/** The state of one sync while it walks the files: staged ops and who owns each URL path. */
class SyncRun {
  private readonly owners = new Map<string, string>();
  /** Each file's hash as this sync leaves its record. */
  private readonly hashes = new Map<string, string>();
  private readonly changed: string[] = [];
  private readonly problems: ContentProblem[] = [];
  private parsed = 0;
  private deleted = 0;

  constructor(
    private readonly records: Map<string, FileRecord>,
    private readonly reparseAll: boolean,
    private readonly batch: StoreBatch,
  ) {
    for (const [id, rec] of records) {
      if (rec.index) this.owners.set(rec.index.path, id);
      this.hashes.set(id, rec.hash);
    }
  }

  deleteMissing(present: Set<string>): void {
    for (const [id, rec] of this.records) {
      if (present.has(id)) continue;
      this.batch.stage({ type: 'delFile', id });
      this.hashes.delete(id);
      if (rec.index) {
        this.batch.stage({ type: 'delEntry', id, kind: kindOf(id), index: rec.index });
        this.owners.delete(rec.index.path);
      }
      this.changed.push(id);
      this.deleted++;
    }
  }

  /** Whether the file's size and mtime are what the store has (its warnings are then reported). */
  unchanged(file: SourceFile): boolean {
    const rec = this.records.get(file.id);
    const trusted = rec && !rec.problem && !this.reparseAll;
    if (!trusted || rec.mtimeMs !== file.mtimeMs || rec.size !== file.size) return false;
    this.problems.push(...rec.warnings);
    return true;
  }

  /** Stages what a file that was read needs; returns the job when it must be parsed. */
  judge(file: SourceFile, read: Buffer | Unread): Pending | null {
    const rec = this.records.get(file.id);
    if (!Buffer.isBuffer(read)) {
      return this.unreadable(file, rec, asFault(read.err, 'reading', file.abs) ?? read.err);
    }
    const bytes = read;
    const trusted = rec && !rec.problem && !this.reparseAll;
    const stat = { mtimeMs: file.mtimeMs, size: file.size, hash: hashBytes(bytes) };
    const same = rec?.hash === stat.hash && !this.reparseAll;
    if (same && rec.problem && rec.problem.code !== 'PUGO_DUPLICATE_SLUG') {
      // The same bytes fail the same way: reported again without parsing (a file past the render
      // time limit would cost that limit on every sync). A duplicate slug depends on the other
      // files, so that file is parsed again.
      this.problems.push(...rec.warnings, rec.problem);
      this.putFile(file.id, { ...rec, ...stat });
      return null;
    }
    if (trusted && same) {
      this.problems.push(...rec.warnings);
      this.putFile(file.id, { ...rec, ...stat });
      return null;
    }
    return { file, bytes, stat, previous: rec?.index ?? null };
  }

  /**
   * A file the machine will not let pugo read (no permission, too many open files): reported,
   * and its record left as it was, so its last good version stays served and the next sync tries
   * again. Anything else is a bug and is thrown.
   */
  private unreadable(file: SourceFile, rec: FileRecord | undefined, err: unknown): null {
    if (!(err instanceof PugoError)) throw err;
    this.problems.push({
      severity: 'error',
      code: err.code,
      file: file.id,
      message: err.message,
      kept: Boolean(rec?.index),
    });
    return null;
  }

  /**
   * Stages a parsed file: its entry and indexes, or its problem (keeping the last good entry);
   * the warnings its fields gave are kept with its record, to be reported while it is unchanged.
   */
  apply({ file, stat, previous }: Pending, outcome: ParseOutcome): void {
    this.parsed++;
    const { warnings } = outcome;
    this.problems.push(...warnings);
    const entry = 'entry' in outcome ? outcome.entry : null;
    const owner = entry ? this.owners.get(entry.path) : undefined;
    if (!entry || (owner !== undefined && owner !== file.id)) {
      const err =
        'error' in outcome
          ? outcome.error
          : new PugoError(
              'PUGO_DUPLICATE_SLUG',
              `${entry?.path} is already the URL of ${owner}; change the slug or date`,
              { file: file.id },
            );
      const problem: ContentProblem = {
        severity: 'error',
        code: err.code,
        file: err.file ?? file.id,
        line: err.line,
        message: err.message,
        kept: previous !== null,
      };
      this.problems.push(problem);
      const record = { ...stat, problem, warnings, index: previous };
      this.putFile(file.id, record);
      return;
    }
    const index = indexKeysOf(entry);
    const encoded = 'encoded' in outcome ? outcome.encoded : undefined;
    this.batch.stage({ type: 'putEntry', entry, index, previous, encoded });
    if (previous && previous.path !== index.path) this.owners.delete(previous.path);
    this.owners.set(index.path, file.id);
    const record = { ...stat, problem: null, warnings, index };
    this.putFile(file.id, record);
    this.changed.push(file.id);
  }

  private putFile(id: string, record: FileRecord): void {
    this.batch.stage({ type: 'putFile', id, record });
    this.hashes.set(id, record.hash);
  }

  digest(): string {
    return hashOf([...this.hashes].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  }

  result(scanned: number): SyncResult {
    const { parsed, deleted, changed, problems } = this;
    return { scanned, parsed, deleted, changed, problems };
  }
}

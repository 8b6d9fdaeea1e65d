// Sync: bring the store in line with the content folder, parsing only what changed, in one batch.

import { readFile } from 'node:fs/promises';
import { type ParseContext, parseEntry } from '../content/parse-entry.js';
import { scanContent } from '../content/scan.js';
import { isPugoError, PugoError } from '../errors.js';
import type { ContentProblem, SourceFile } from '../types.js';
import { hashBytes } from './hash.js';
import { indexKeysOf } from './keys.js';
import type { FileRecord, Store, StoreOp } from './store.js';

export interface SyncResult {
  scanned: number;
  parsed: number;
  deleted: number;
  /** Ids of files added, changed or deleted (problems excluded). */
  changed: string[];
  problems: ContentProblem[];
}

export interface SyncOptions {
  contentDir: string;
  ctx: ParseContext;
  /** Anything parsing depends on besides the file (config, parser version): a change re-parses all. */
  fingerprint: string;
}

const FINGERPRINT_KEY = 'parseFingerprint';

export async function syncStore(store: Store, opts: SyncOptions): Promise<SyncResult> {
  const sources = await scanContent(opts.contentDir);
  const records = await store.files();
  const reparseAll = (await store.getMeta<string>(FINGERPRINT_KEY)) !== opts.fingerprint;
  const run = new SyncRun(records, opts, reparseAll);
  run.deleteMissing(new Set(sources.map((f) => f.id)));
  for (const file of sources) await run.visit(file);
  run.ops.push({ type: 'putMeta', key: FINGERPRINT_KEY, value: opts.fingerprint });
  await store.commit(run.ops);
  return run.result(sources.length);
}

/** The state of one sync while it walks the files: staged ops and who owns each URL path. */
class SyncRun {
  readonly ops: StoreOp[] = [];
  private readonly owners = new Map<string, string>();
  private readonly changed: string[] = [];
  private readonly problems: ContentProblem[] = [];
  private parsed = 0;
  private deleted = 0;

  constructor(
    private readonly records: Map<string, FileRecord>,
    private readonly opts: SyncOptions,
    private readonly reparseAll: boolean,
  ) {
    for (const [id, rec] of records) if (rec.index) this.owners.set(rec.index.path, id);
  }

  deleteMissing(present: Set<string>): void {
    for (const [id, rec] of this.records) {
      if (present.has(id)) continue;
      this.ops.push({ type: 'delFile', id });
      if (rec.index) {
        this.ops.push({ type: 'delEntry', id, kind: kindOf(id), index: rec.index });
        this.owners.delete(rec.index.path);
      }
      this.changed.push(id);
      this.deleted++;
    }
  }

  async visit(file: SourceFile): Promise<void> {
    const rec = this.records.get(file.id);
    const trusted = rec && !rec.problem && !this.reparseAll;
    if (trusted && rec.mtimeMs === file.mtimeMs && rec.size === file.size) return;
    const bytes = await readFile(file.abs);
    const hash = hashBytes(bytes);
    const stat = { mtimeMs: file.mtimeMs, size: file.size, hash };
    if (trusted && rec.hash === hash) {
      this.ops.push({ type: 'putFile', id: file.id, record: { ...rec, ...stat } });
      return;
    }
    this.parse(file, bytes, stat, rec?.index ?? null);
  }

  private parse(
    file: SourceFile,
    bytes: Buffer,
    stat: Omit<FileRecord, 'problem' | 'index'>,
    previous: FileRecord['index'],
  ): void {
    try {
      const entry = parseEntry(file, bytes, this.opts.ctx);
      const owner = this.owners.get(entry.path);
      if (owner !== undefined && owner !== file.id) {
        throw new PugoError(
          'PUGO_DUPLICATE_SLUG',
          `${entry.path} is already the URL of ${owner}; change the slug or date`,
          { file: file.id },
        );
      }
      const index = indexKeysOf(entry);
      this.ops.push({ type: 'putEntry', entry, index, previous });
      if (previous && previous.path !== index.path) this.owners.delete(previous.path);
      this.owners.set(index.path, file.id);
      this.ops.push({ type: 'putFile', id: file.id, record: { ...stat, problem: null, index } });
      this.changed.push(file.id);
      this.parsed++;
    } catch (err) {
      if (!isPugoError(err)) throw err;
      const problem: ContentProblem = {
        code: err.code,
        file: err.file ?? file.id,
        line: err.line,
        message: err.message,
      };
      this.problems.push(problem);
      this.ops.push({
        type: 'putFile',
        id: file.id,
        record: { ...stat, problem, index: previous },
      });
    }
  }

  result(scanned: number): SyncResult {
    const { parsed, deleted, changed, problems } = this;
    return { scanned, parsed, deleted, changed, problems };
  }
}

function kindOf(id: string): 'post' | 'page' {
  return id.startsWith('page/') ? 'page' : 'post';
}

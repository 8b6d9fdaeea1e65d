// Checks a store against its content folder and against itself: every inconsistency a killed
// process, a bug or a damaged disk could leave, one finding each; a store in line has none.

import { readFile } from 'node:fs/promises';
import { type ContentDirs, PUGO_010_DIRS, scanContent } from '../content/scan.js';
import { hashBytes } from '../hash.js';
import type { SourceFile } from '../types.js';
import { KEYSPACES, type Keyspace, SCHEMA_VERSION } from './level-store.js';
import type { FileRecord } from './store.js';
import { FINGERPRINT_KEY } from './sync.js';
import { checkEntries, checkIndexes, checkSearch, checkSummaries } from './verify-entries.js';
import type { Finding, Report, Unreadable } from './verify-report.js';
import { type Decoded, decodeValue } from './verify-shapes.js';

export type { Finding, FindingKind } from './verify-report.js';

/** The one read verification needs: LevelStore has it. */
export interface RawReader {
  rawEntries(space: Keyspace): Promise<[string, string][]>;
}

/** Every inconsistency between the store and `contentDir`, and within the store. */
export async function verifyStore(
  store: RawReader,
  contentDir: string,
  dirs: ContentDirs = PUGO_010_DIRS,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const report: Report = (kind, space, key, detail) => findings.push({ kind, space, key, detail });
  // The content is read while the store is: the one waits on the disk, the other on the CPU.
  const content = readContent(contentDir, dirs);
  // Its failure is thrown by the await below; this keeps it from counting as unhandled meanwhile.
  content.catch(() => {});
  const { decoded, unreadable } = await decodeAll(store, report);
  checkContent(decoded.files, await content, unreadable, report);
  checkEntries(decoded, unreadable, report);
  checkIndexes(decoded, unreadable, report);
  checkSearch(decoded, unreadable, report);
  checkSummaries(decoded, unreadable, report);
  checkMeta(decoded, report);
  return findings;
}

/** Every keyspace read as stored text and decoded; a value that does not decode is a finding. */
async function decodeAll(store: RawReader, report: Report) {
  const decoded: Decoded = {
    files: new Map(),
    posts: new Map(),
    pages: new Map(),
    byDate: new Map(),
    summaries: new Map(),
    byPath: new Map(),
    outputs: new Map(),
    meta: new Map(),
    search: new Map(),
  };
  const failed = new Set<string>();
  for (const space of KEYSPACES) {
    const values = decoded[space] as Map<string, unknown>;
    for (const [key, text] of await store.rawEntries(space)) {
      const value = decodeValue(space, text);
      if (value !== undefined) values.set(key, value);
      else {
        failed.add(`${space}\u0000${key}`);
        report('undecodable', space, key, `not the JSON a ${space} value is: ${text.slice(0, 60)}`);
      }
    }
  }
  const unreadable: Unreadable = (space, key) => failed.has(`${space}\u0000${key}`);
  return { decoded, unreadable };
}

/** A post or page file of the content folder, with the hash of its bytes. */
interface ContentFile extends SourceFile {
  hash: string;
}

async function readContent(contentDir: string, dirs: ContentDirs): Promise<ContentFile[]> {
  const sources = await scanContent(contentDir, dirs);
  const hashes = await hashFiles(sources.map((file) => file.abs));
  return sources.map((file, i) => ({ ...file, hash: hashes[i] }));
}

/** Each post and page file against its record: present, and the same bytes, size and mtime. */
function checkContent(
  files: Map<string, FileRecord>,
  content: ContentFile[],
  unreadable: Unreadable,
  report: Report,
): void {
  for (const file of content) {
    const rec = files.get(file.id);
    if (!rec) {
      if (!unreadable('files', file.id)) report('missing-file-record', 'content', file.id, '');
      continue;
    }
    const differ = (['hash', 'size', 'mtimeMs'] as const).filter((f) => rec[f] !== file[f]);
    if (differ.length) report('stale-file-record', 'files', file.id, `${differ.join(', ')} differ`);
  }
  const seen = new Set(content.map((file) => file.id));
  for (const id of files.keys()) {
    if (!seen.has(id)) report('orphan-file-record', 'files', id, 'no such file in the content');
  }
}

/** Hashes of the files at `paths`, 32 read at once: read one by one, the disk sat mostly idle. */
async function hashFiles(paths: string[]): Promise<string[]> {
  const hashes: string[] = [];
  for (let i = 0; i < paths.length; i += 32) {
    const reads = paths.slice(i, i + 32).map(async (path) => hashBytes(await readFile(path)));
    hashes.push(...(await Promise.all(reads)));
  }
  return hashes;
}

function checkMeta({ meta, files }: Decoded, report: Report): void {
  const schema = meta.get('schema');
  if (schema !== SCHEMA_VERSION) {
    report('bad-meta', 'meta', 'schema', `schema ${schema}, expected ${SCHEMA_VERSION}`);
  }
  if (files.size > 0 && typeof meta.get(FINGERPRINT_KEY) !== 'string') {
    report('bad-meta', 'meta', FINGERPRINT_KEY, 'files are recorded but no parse fingerprint');
  }
}

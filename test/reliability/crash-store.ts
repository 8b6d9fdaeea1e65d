// The crash drill's store checks: the store opens as it is, and holds either what it held before
// the killed sync or exactly what the content says (one batch: all or nothing).

import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { type OpenSite, openSite } from '../../src/compose.js';
import { createMemoryLogger } from '../../src/log.js';
import type { Keyspace, LevelStore } from '../../src/store/level-store.js';
import { type Finding, type RawReader, verifyStore } from '../../src/store/verify.js';

export interface DrillPaths {
  content: string;
  store: string;
  dest: string;
  theme: string;
}

/** What one sync writes in its batch: these keyspaces, and the parse fingerprint in meta. */
const SYNCED = new Set<Keyspace>(['files', 'posts', 'pages', 'byDate', 'byPath']);
const synced = (space: Keyspace, key: string) =>
  SYNCED.has(space) || (space === 'meta' && key === 'parseFingerprint');

/**
 * verifyStore, hashing what a sync's batch writes as it reads (one pass over 4,000 posts, not
 * two): equal digests, the same store as far as a sync goes.
 */
export async function verifyWithDigest(
  store: LevelStore,
  contentDir: string,
): Promise<{ findings: Finding[]; digest: string }> {
  const hash = createHash('sha1');
  const reader: RawReader = {
    async rawEntries(space) {
      const rows = await store.rawEntries(space);
      for (const [key, value] of rows) {
        if (synced(space, key)) hash.update(`${space}\0${key}\0${value}\n`);
      }
      return rows;
    },
  };
  const findings = await verifyStore(reader, contentDir);
  return { findings, digest: hash.digest('hex') };
}

/** The digest of a store no sync has written to: what a fresh store must be if its sync was killed. */
export const EMPTY_DIGEST = createHash('sha1').digest('hex');

/**
 * Opens the store the way the next `pugo` start would; `fail` is told if it needed the corrupt
 * store path (a warning, or the store moved aside), which a killed sync must never make necessary.
 */
export async function openAsNextStart(
  paths: DrillPaths,
  fail: (why: string) => void,
): Promise<OpenSite> {
  const log = createMemoryLogger();
  const opened = await openSite({
    contentDir: paths.content,
    themeDir: paths.theme,
    storeDir: paths.store,
    drafts: false,
    future: false,
    log,
  });
  const warnings = log.lines.filter((l) => l.startsWith('warning:'));
  if (warnings.length) fail(`the store did not open as it was: ${warnings.join('; ')}`);
  const aside = (await readdir(dirname(paths.store))).filter((n) =>
    n.startsWith(`${basename(paths.store)}.corrupt-`),
  );
  if (aside.length) fail(`the store was moved aside: ${aside.join(', ')}`);
  return opened;
}

export type StoreState = 'before' | 'after' | 'between';

/** Where the killed sync left the store: before it, after it, or (a failure) anywhere else. */
export async function stateAfterKill(
  opened: OpenSite,
  before: string,
): Promise<{ state: StoreState; findings: Finding[]; digest: string }> {
  const { findings, digest } = await verifyWithDigest(opened.store, opened.contentDir);
  if (findings.length === 0) return { state: 'after', findings, digest };
  return { state: digest === before ? 'before' : 'between', findings, digest };
}

/** Findings as short lines for a failure message: the first few and how many more. */
export function describeFindings(findings: Finding[], limit = 5): string {
  const lines = findings.slice(0, limit).map((f) => `${f.kind} ${f.space} ${f.key}: ${f.detail}`);
  const more = findings.length > limit ? `; and ${findings.length - limit} more` : '';
  return `${lines.join('; ')}${more}`;
}

// The entries and indexes of a decoded store, checked against each other and the file records.

import { isDeepStrictEqual } from 'node:util';
import { kindOf } from '../content/scan.js';
import type { Entry } from '../types.js';
import { indexKeysOf, splitKey } from './keys.js';
import type { Report, Unreadable } from './verify-report.js';
import type { Decoded, PathRef } from './verify-shapes.js';

const INDEXES = ['byDate', 'byPath'] as const;
type IndexSpace = (typeof INDEXES)[number];
type Wanted = Record<IndexSpace, Map<string, unknown>>;

const spaceOf = (kind: 'post' | 'page') => (kind === 'post' ? 'posts' : 'pages');

/** Each file record against its entry, and each entry against its key and its file record. */
export function checkEntries(d: Decoded, unreadable: Unreadable, report: Report): void {
  checkRecords(d, unreadable, report);
  for (const space of ['posts', 'pages'] as const) {
    for (const [id, entry] of d[space]) {
      if (entry.id !== id || kindOf(id) !== entry.kind) {
        report('mismatched-entry', space, id, `holds the ${entry.kind} of ${entry.id}`);
      }
      if (unreadable('files', id)) continue;
      const rec = d.files.get(id);
      if (!rec?.index) {
        const why = rec ? 'its file record names no entry' : 'there is no file record';
        report('orphan-entry', space, id, why);
      }
    }
  }
}

/** A record that says its file parsed (now or before) needs that entry, with the same keys. */
function checkRecords(d: Decoded, unreadable: Unreadable, report: Report): void {
  for (const [id, rec] of d.files) {
    const space = spaceOf(kindOf(id));
    if (!rec.index) {
      if (!rec.problem) report('missing-entry', 'files', id, 'parsed, yet it names no entry');
      continue;
    }
    const entry: Entry | undefined = d[space].get(id);
    if (!entry) {
      if (!unreadable(space, id)) report('missing-entry', space, id, `for ${rec.index.path}`);
    } else if (!isDeepStrictEqual(indexKeysOf(entry), rec.index)) {
      report('mismatched-entry', space, id, "its index keys differ from its file record's");
    }
  }
}

/** byDate and byPath against what the stored entries say they should hold. */
export function checkIndexes(d: Decoded, unreadable: Unreadable, report: Report): void {
  const wanted = wantedIndexes(d, report);
  for (const space of INDEXES) {
    const have = d[space] as Map<string, unknown>;
    for (const [key, value] of wanted[space]) {
      if (have.has(key) || unreadable(space, key)) continue;
      report('missing-index', space, key, `of ${targetOf(space, key, value).id}`);
    }
    for (const [key, value] of have) {
      checkIndexEntry({ d, space, key, value, wanted: wanted[space], unreadable, report });
    }
  }
}

/** The index entries the stored entries make, with their values, as the sync writes them. */
function wantedIndexes(d: Decoded, report: Report): Wanted {
  const wanted: Wanted = { byDate: new Map(), byPath: new Map() };
  for (const entry of [...d.posts.values(), ...d.pages.values()]) {
    const keys = indexKeysOf(entry);
    const owner = wanted.byPath.get(keys.path) as PathRef | undefined;
    if (owner) report('mismatched-entry', spaceOf(entry.kind), entry.id, `${owner.id}'s path too`);
    wanted.byPath.set(keys.path, { id: entry.id, kind: entry.kind });
    if (entry.kind !== 'post') continue;
    const { html: _h, toc: _t, summaryHtml: _s, ...summary } = entry;
    if (keys.byDate) wanted.byDate.set(keys.byDate, summary);
  }
  return wanted;
}

/** The entry an index entry points at: named by the value in byPath, by the key's end elsewhere. */
function targetOf(space: IndexSpace, key: string, value: unknown): PathRef {
  if (space === 'byPath') return value as PathRef;
  return { id: splitKey(key).at(-1) ?? '', kind: 'post' };
}

interface IndexEntry {
  d: Decoded;
  space: IndexSpace;
  key: string;
  value: unknown;
  wanted: Map<string, unknown>;
  unreadable: Unreadable;
  report: Report;
}

function checkIndexEntry({ d, space, key, value, wanted, unreadable, report }: IndexEntry): void {
  if (wanted.has(key)) {
    const want = wanted.get(key);
    if (!isDeepStrictEqual(value, want)) {
      report('stale-index', space, key, "its value differs from the entry's");
    }
    return;
  }
  const target = targetOf(space, key, value);
  const entries = spaceOf(target.kind);
  // An entry that did not decode makes index keys no one can know: reported once, as undecodable.
  if (unreadable(entries, target.id)) return;
  if (!d[entries].has(target.id)) {
    report('dangling-index', space, key, `points at ${target.id}, which is not stored`);
  } else report('stale-index', space, key, `not an index key of ${target.id}`);
}

/**
 * Every post and page with a URL has its search terms, and nothing else has: the search
 * keyspace is an index of the entries, written and deleted with them.
 */
export function checkSearch(d: Decoded, unreadable: Unreadable, report: Report): void {
  const wanted = new Set<string>();
  for (const entry of [...d.posts.values(), ...d.pages.values()]) {
    if (entry.kind === 'page' && entry.node) continue;
    wanted.add(entry.id);
  }
  const have = d.search;
  for (const id of wanted) {
    if (!have.has(id) && !unreadable('search', id))
      report('missing-index', 'search', id, `of ${id}`);
  }
  for (const id of have.keys()) {
    const stored = d.posts.has(id) || d.pages.has(id);
    if (wanted.has(id)) continue;
    if (unreadable('posts', id) || unreadable('pages', id)) continue;
    if (stored) report('stale-index', 'search', id, 'a node page has no URL to be found at');
    else report('dangling-index', 'search', id, `points at ${id}, which is not stored`);
  }
}

/** Every post has its summaryHtml in `summaries`, the same as its entry's, and nothing else has. */
export function checkSummaries(d: Decoded, unreadable: Unreadable, report: Report): void {
  for (const [id, post] of d.posts) {
    const html = d.summaries.get(id);
    if (html === undefined) {
      if (!unreadable('summaries', id)) report('missing-index', 'summaries', id, `of ${id}`);
    } else if (html !== post.summaryHtml) {
      report('stale-index', 'summaries', id, "its value differs from the entry's");
    }
  }
  for (const id of d.summaries.keys()) {
    if (d.posts.has(id) || unreadable('posts', id)) continue;
    report('dangling-index', 'summaries', id, `points at ${id}, which is not stored`);
  }
}

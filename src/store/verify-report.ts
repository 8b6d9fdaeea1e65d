// What a store verification finds and reports through: the vocabulary its checks share.

import type { Keyspace } from './level-store.js';

export type FindingKind =
  /** A value that is not JSON, or not of the shape its keyspace holds (half written, say). */
  | 'undecodable'
  /** A post or page in the content folder that the store has no record of. */
  | 'missing-file-record'
  /** A file record whose hash, size or mtime is not the file's: a sync would trust it wrongly. */
  | 'stale-file-record'
  /** A file record of a file no longer in the content folder. */
  | 'orphan-file-record'
  /** A file whose record says it parsed, without its post or page. */
  | 'missing-entry'
  /** A post or page that no file record accounts for. */
  | 'orphan-entry'
  /** An entry whose id or index keys differ from what its key and file record say. */
  | 'mismatched-entry'
  /** An entry absent from one of the indexes (byDate, byTag, byPath). */
  | 'missing-index'
  /** An index entry pointing at a post or page that is not there. */
  | 'dangling-index'
  /** An index entry of an existing entry that the entry does not have, or with another value. */
  | 'stale-index'
  /** The schema version or the parse fingerprint is missing or wrong. */
  | 'bad-meta';

export interface Finding {
  kind: FindingKind;
  /** The keyspace holding `key`, or 'content' for a file of the content folder. */
  space: Keyspace | 'content';
  key: string;
  detail: string;
}

/** What a check reports through: one call per finding. */
export type Report = (
  kind: FindingKind,
  space: Finding['space'],
  key: string,
  detail: string,
) => void;

/**
 * Whether a key's value failed to decode: it is reported once as undecodable, and the checks
 * after that count it as there (not as a missing entry or a dangling index entry too).
 */
export type Unreadable = (space: Keyspace, key: string) => boolean;

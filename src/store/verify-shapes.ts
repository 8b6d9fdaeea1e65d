// The shape of each keyspace's values, as the store writes them: what a check decodes against.

import type { SearchTerms } from '../search/search-record.js';
import type { Page, Post, PostSummary } from '../types.js';
import type { Keyspace } from './level-store.js';
import type { FileRecord, OutputRecord } from './store.js';

/** What byPath maps a URL path to. */
export interface PathRef {
  id: string;
  kind: 'post' | 'page';
}

/** Every keyspace decoded: only the values that are JSON of the shape written. */
export interface Decoded {
  files: Map<string, FileRecord>;
  posts: Map<string, Post>;
  pages: Map<string, Page>;
  byDate: Map<string, PostSummary>;
  /** Post id → its summaryHtml. */
  summaries: Map<string, string>;
  byPath: Map<string, PathRef>;
  outputs: Map<string, OutputRecord>;
  meta: Map<string, unknown>;
  search: Map<string, SearchTerms>;
}

type Shape = (value: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every(isString);

const isIndexKeys: Shape = (v) =>
  isObject(v) && isString(v.path) && (v.byDate === null || isString(v.byDate));

const isFileRecord: Shape = (v) =>
  isObject(v) &&
  typeof v.mtimeMs === 'number' &&
  typeof v.size === 'number' &&
  isString(v.hash) &&
  (v.problem === null || isObject(v.problem)) &&
  Array.isArray(v.warnings) &&
  v.warnings.every(isObject) &&
  (v.index === null || isIndexKeys(v.index));

/** The fields the indexes are made from: enough to tell a whole entry from a cut or foreign one. */
const isEntry =
  (kind: 'post' | 'page'): Shape =>
  (v) =>
    isObject(v) &&
    v.kind === kind &&
    isString(v.id) &&
    isString(v.path) &&
    isString(v.date) &&
    isString(v.html) &&
    (kind === 'page' || isStrings(v.tags));

export const SHAPES: Record<Keyspace, Shape> = {
  files: isFileRecord,
  posts: isEntry('post'),
  pages: isEntry('page'),
  byDate: (v) => isObject(v) && v.kind === 'post' && isString(v.id),
  summaries: isString,
  byPath: (v) => isObject(v) && isString(v.id) && (v.kind === 'post' || v.kind === 'page'),
  outputs: (v) => isObject(v) && isString(v.hash) && (v.deps === undefined || isStrings(v.deps)),
  meta: () => true,
  search: (v) =>
    isObject(v) &&
    typeof v.len === 'number' &&
    Array.isArray(v.terms) &&
    v.terms.every((x, i) => typeof x === (i % 2 ? 'number' : 'string')),
};

/** JSON text → value of the keyspace's shape, or undefined for text that is neither. */
export function decodeValue(space: Keyspace, text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return SHAPES[space](value) ? value : undefined;
}

// Shared setup for the content tests: fixture paths, a parse context, SourceFiles for fixtures.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMarkdown } from '../../src/content/markdown/render.js';
import { authorIndex, PUGO_010_PARSING } from '../../src/content/parse/jobs.js';
import type { ParseContext } from '../../src/content/parse-entry.js';
import { parseEntry } from '../../src/content/parse-entry.js';
import type { ContentProblem, Entry, Page, Post, SourceFile } from '../../src/types.js';

/** Tests run from dist/test/content/, fixtures stay in the source tree. */
export const FIXTURES = fileURLToPath(
  new URL('../../../test/fixtures/front-matter/', import.meta.url),
);

/** A fixed mtime, so "a missing date is the file's mtime" has one right answer. */
export const MTIME = Date.UTC(2020, 0, 2, 3, 4, 5);

const md = createMarkdown();

export function context(over: Partial<ParseContext> = {}): ParseContext {
  return {
    timezone: 'UTC',
    authors: authorIndex(['fuxiaohei']),
    base: '',
    md,
    maxFileBytes: 1024 * 1024,
    ...PUGO_010_PARSING,
    ...over,
  };
}

/** A SourceFile for a fixture; `kind` follows the folder unless given (bad/ cases name it). */
export function fixtureFile(id: string, kind?: SourceFile['kind']): SourceFile {
  const abs = FIXTURES + id;
  const guess = id.startsWith('page/') ? 'page' : 'post';
  return { id, kind: kind ?? guess, abs, mtimeMs: MTIME, size: statSync(abs).size };
}

export function parseFixture(
  id: string,
  ctx = context(),
  kind?: SourceFile['kind'],
  warnings: ContentProblem[] = [],
): Entry {
  const file = fixtureFile(id, kind);
  return parseEntry(file, readFileSync(file.abs), ctx, warnings);
}

export function parsePost(id: string, ctx = context()): Post {
  const entry = parseFixture(id, ctx);
  if (entry.kind !== 'post') throw new TypeError(`${id} is not a post`);
  return entry;
}

export function parsePage(id: string, ctx = context()): Page {
  const entry = parseFixture(id, ctx, 'page');
  if (entry.kind !== 'page') throw new TypeError(`${id} is not a page`);
  return entry;
}

/** A SourceFile for bytes that never touch the disk (binary, huge, empty input). */
export function memoryFile(id: string, bytes: Buffer): SourceFile {
  return { id, kind: 'post', abs: `/nonexistent/${id}`, mtimeMs: MTIME, size: bytes.length };
}

// Content files for the parser properties: the pieces real and broken front matter is made of,
// and generators that put them together as a writer (or a disk error) might.

import fc from 'fast-check';
import { createMarkdown } from '../../src/content/markdown/render.js';
import { authorIndex, PUGO_010_PARSING } from '../../src/content/parse/jobs.js';
import { type ParseContext, parseEntry } from '../../src/content/parse-entry.js';
import type { Entry, SourceFile } from '../../src/types.js';
import { lineCount, parsesOrReports } from './properties.js';

export const ID = 'post/fuzz.md';

export const ctx: ParseContext = {
  timezone: 'UTC',
  authors: authorIndex(['ann']),
  base: '',
  md: createMarkdown(),
  maxFileBytes: 64 * 1024,
  ...PUGO_010_PARSING,
};

// Pieces real and broken front matter is made of: fences, keys, values of every TOML type,
// Pugo's INI forms, and the values that have broken parsers before.
const FENCES = ['```toml', '```ini', '``` TOML ', '```Ini', '+++', '```', '~~~toml', '```toml x'];
const LINE_ENDS = ['\n', '\r\n', '\r', '\n\n', '\n \t\n'];
const KEYS = ['title', 'slug', 'date', 'update_date', 'tags', 'draft', 'author', 'thumb', 'desc'];
const ODD_KEYS = ['sort', 'meta', '__proto__', 'constructor', '"title"', "'slug'", 'a.b', '"" '];
const VALUES = [
  '9007199254740993',
  '-9223372036854775808',
  '0x7fffffffffffffff',
  '"x"',
  "'x'",
  '"""a\nb"""',
  "'''a'''",
  '""',
  'x',
  'true',
  'TRUE',
  '1',
  '-0',
  '1e400',
  'nan',
  'inf',
  '[]',
  '["a", "b"]',
  '["a", 1]',
  '[[1]]',
  '{}',
  '{ a = 1 }',
  '1979-05-27',
  '1979-05-27T07:32:00',
  '1979-05-27T07:32:00Z',
  '0000-01-01T00:00:00+01:00',
  '9999-12-31T23:59:59-14:00',
  '07:32:00',
  '"2015-10-14 22:58"',
  '"2015-02-30"',
  '"2015-10-14 24:00"',
  '"2015-10-14 10:00 +15:00"',
  '"0000-01-01 00:00 +01:00"',
  '"\\u0000"',
  '"\\uD800"',
  '"a/../b"',
  '"a/./b"',
  '"./a"',
  '"/a"',
  '"a//b"',
  '"a\\\\b"',
  '"%2e%2e"',
  '"中文 标签"',
  '"@media/x.png"',
  '"//media/x"',
  'a,b，c',
  '"ann"',
  '"nobody"',
  '"\\t"',
  '"?#"',
  '"%"',
  '"."',
  '"a\\nb"',
];
const SECTIONS = ['[meta]', '[[meta]]', '[__proto__]', '[ meta ]', '[', ']', '[[', '# c', '; c'];
const BODY = ['# h', '## h', '<!--more-->', '<!-- more -->', '`', '```', '```go', '>', '*', '_'];
const BODY_MORE = [
  '[a](b)',
  '![i](@media/a.png)',
  '<a href="//media/x">',
  '|a|b|\n|---|---|',
  '- a',
];

/** Short text from the whole of Unicode, lone surrogates included. */
export const anyText = (maxLength: number) => fc.string({ unit: 'binary', maxLength });

const quoted = anyText(12).map((s) => JSON.stringify(s));
const value = fc.oneof(fc.constantFrom(...VALUES), quoted, anyText(6));
export const keyLine = fc
  .tuple(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEYS) }, fc.constantFrom(...ODD_KEYS)),
    fc.constantFrom(' = ', '=', ': ', ' ', ' =', '= '),
    value,
  )
  .map(([k, s, v]) => k + s + v);
export const blockLine = fc.oneof(
  { weight: 6, arbitrary: keyLine },
  fc.constantFrom('', ...SECTIONS),
  anyText(10),
);
const body = fc
  .array(fc.oneof(fc.constantFrom(...BODY, ...BODY_MORE, '\n', '\n\n', ' '), anyText(8)), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

/** Mostly the usual choice, sometimes any of the odd ones: most files get past the fence. */
const usually = (common: string, odd: string[]) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(common) }, fc.constantFrom(...odd));

/** A file shaped like a post: maybe a BOM, blank lines, a fence, key lines, a close, a body. */
export const postText = fc
  .record({
    bom: fc.boolean(),
    lead: usually('', ['\n', '\r\n \n']),
    open: fc.constantFrom('```toml', '```ini', '+++', '```toml', ...FENCES),
    title: usually('title = "T"', ['title = ', 'title = 1', 'title = ""', '']),
    lines: fc.array(blockLine, { maxLength: 8 }),
    eol: usually('\n', LINE_ENDS),
    close: usually('', ['```', '+++', ' ``` ', '````']),
    body,
  })
  .map((d) => {
    const close = d.close || (d.open.startsWith('+') ? '+++' : '```');
    const block = [d.title, ...d.lines].join(d.eol);
    const bom = d.bom ? '\uFEFF' : '';
    return `${bom}${d.lead}${d.open}${d.eol}${block}${d.eol}${close}${d.eol}${d.body}`;
  });

/** Pieces in any order: what a half-typed or corrupted file looks like. */
const chaosText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...FENCES, ...LINE_ENDS, ...SECTIONS, ...VALUES, ...KEYS, ' = ', '\uFEFF'),
      anyText(8),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

export const fileText = fc.oneof({ weight: 3, arbitrary: postText }, chaosText, anyText(200));

export function sourceFile(kind: SourceFile['kind'], size: number): SourceFile {
  const id = kind === 'post' ? ID : 'page/docs/fuzz.md';
  return { id, kind, abs: `/nowhere/${id}`, mtimeMs: Date.UTC(2020, 0, 2), size };
}

/** Lines the decoded text has, counting as parseEntry does (a CR, LF or CRLF ends a line). */
export function linesOfBytes(bytes: Uint8Array): number {
  return lineCount(Buffer.from(bytes).toString('latin1'));
}

/** parseEntry of `text` as a post (or page): the entry, or null for a PUGO_* problem. */
export function parseText(text: string, kind: SourceFile['kind'] = 'post'): Entry | null {
  const bytes = Buffer.from(text);
  const file = sourceFile(kind, bytes.length);
  return parsesOrReports(file.id, lineCount(text), (warnings) =>
    parseEntry(file, bytes, ctx, warnings),
  );
}

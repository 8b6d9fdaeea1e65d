// splitFrontMatter: the three block forms, where the body starts, and each way a block is broken.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { splitFrontMatter } from '../../src/content/front-matter.js';
import { FIXTURES } from './support.js';

const read = (id: string) => readFileSync(FIXTURES + id, 'utf8');

test('```toml block: data, body and the line the body starts on', () => {
  const fm = splitFrontMatter('```toml\ntitle = "A"\ntags = []\n```\n\nHello\n', 'post/a.md');
  assert.equal(fm.format, 'toml');
  assert.deepEqual({ ...fm.data }, { title: 'A', tags: [] });
  assert.equal(fm.body, '\nHello\n');
  assert.equal(fm.bodyLine, 5);
  assert.equal(fm.line, 1);
});

test('```ini block: strings, quotes stripped, [meta] as a table', () => {
  const fm = splitFrontMatter(read('post/ini-form.md'), 'post/ini-form.md');
  assert.equal(fm.format, 'ini');
  assert.equal(fm.data.title, 'Old Pugo post');
  assert.equal(fm.data.slug, 'old-ini');
  assert.equal(fm.data.author, 'fuxiaohei');
  assert.equal(fm.data.tags, 'go, pugo,,Go，中文');
  assert.deepEqual(fm.data.meta, { ignored: 'yes' });
});

test("+++ block (Hugo's form)", () => {
  const fm = splitFrontMatter(read('post/hugo-plus.md'), 'post/hugo-plus.md');
  assert.equal(fm.format, 'plus');
  assert.equal(fm.data.title, 'Hugo style');
  assert.ok(fm.data.date instanceof Date);
});

test('blank lines before the fence and inside the TOML', () => {
  const fm = splitFrontMatter(read('post/blank-lines.md'), 'post/blank-lines.md');
  assert.equal(fm.line, 3);
  assert.equal(fm.data.title, 'Blank lines');
  assert.equal(fm.data.author, 'fuxiaohei');
  assert.equal(fm.bodyLine, 14);
  assert.equal(fm.body, '\nBody.\n');
});

test('a BOM and CRLF line ends are tolerated here too', () => {
  const fm = splitFrontMatter('\ufeff```toml\r\ntitle = "X"\r\n```\r\nBody\r\n', 'post/x.md');
  assert.equal(fm.data.title, 'X');
  assert.equal(fm.body, 'Body\n');
});

test('a file that is only front matter has an empty body', () => {
  const fm = splitFrontMatter('```toml\ntitle = "X"\n```', 'post/x.md');
  assert.equal(fm.body, '');
});

test('no front matter → PUGO_FRONT_MATTER_MISSING', () => {
  assert.throws(() => splitFrontMatter(read('bad/missing.md'), 'bad/missing.md'), {
    code: 'PUGO_FRONT_MATTER_MISSING',
    file: 'bad/missing.md',
  });
});

test('a block never closed → PUGO_FRONT_MATTER_UNTERMINATED at the opening fence', () => {
  assert.throws(() => splitFrontMatter(read('bad/unterminated.md'), 'bad/unterminated.md'), {
    code: 'PUGO_FRONT_MATTER_UNTERMINATED',
    file: 'bad/unterminated.md',
    line: 3,
  });
  assert.throws(() => splitFrontMatter('+++\ntitle = "x"\n', 'p.md'), {
    code: 'PUGO_FRONT_MATTER_UNTERMINATED',
    line: 1,
  });
});

test('invalid TOML → PUGO_FRONT_MATTER_INVALID at the line of the file', () => {
  assert.throws(() => splitFrontMatter(read('bad/invalid-toml.md'), 'bad/invalid-toml.md'), {
    code: 'PUGO_FRONT_MATTER_INVALID',
    file: 'bad/invalid-toml.md',
    line: 5,
  });
  // After blank lines the fence moves down, and the reported line with it.
  const shifted = `\n\n${read('bad/invalid-toml.md')}`;
  assert.throws(() => splitFrontMatter(shifted, 'p.md'), { line: 7 });
});

test('a date TOML cannot make (day 0) fails at its own line, though the parser names none', () => {
  // Found by the reliability suite: @iarna/toml throws "Invalid Datetime" with no place.
  const text =
    '```toml\ntitle = "T"\ntags = ["a"]\ndate = 2020-01-00T00:00:00Z\nauthor = "x"\n```\n';
  assert.throws(() => splitFrontMatter(text, 'p.md'), {
    code: 'PUGO_FRONT_MATTER_INVALID',
    line: 4,
  });
});

test('invalid INI line → PUGO_FRONT_MATTER_INVALID at that line', () => {
  assert.throws(() => splitFrontMatter(read('bad/invalid-ini.md'), 'bad/invalid-ini.md'), {
    code: 'PUGO_FRONT_MATTER_INVALID',
    line: 3,
  });
});

test('regression: an INI [__proto__] section is a table, not a prototype hiding later keys', () => {
  const text = '```ini\ntitle = x\n[__proto__]\nslug = y\n```\n';
  const fm = splitFrontMatter(text, 'post/a.md');
  assert.equal(Object.getPrototypeOf(fm.data), Object.prototype);
  assert.ok(Object.hasOwn(fm.data, '__proto__'));
  assert.deepEqual(Object.getOwnPropertyDescriptor(fm.data, '__proto__')?.value, { slug: 'y' });
  assert.equal(fm.data.title, 'x');
});

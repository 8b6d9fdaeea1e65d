// The README's error table lists every code pugo raises, and nothing else.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ERROR_CODES, PugoError } from '../src/errors.js';
import { REPO } from './helpers.js';

test("the README's error table matches ERROR_CODES", async () => {
  const readme = await readFile(join(REPO, 'README.md'), 'utf8');
  const listed = [...readme.matchAll(/^\| `(PUGO_[A-Z0-9_]+)` +\|/gm)].map((m) => m[1]).sort();
  assert.deepEqual(listed, Object.keys(ERROR_CODES).sort());
});

test('describe() names file, line and code', () => {
  const err = new PugoError('PUGO_FIELD_INVALID', 'tags must be an array of strings', {
    file: 'post/a.md',
    line: 4,
  });
  assert.equal(
    err.describe(),
    'post/a.md:4: tags must be an array of strings [PUGO_FIELD_INVALID]',
  );
});

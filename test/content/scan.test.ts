// scanContent: finds .md posts and pages recursively, skips dotfiles, sorts by id.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { scanContent } from '../../src/content/scan.js';
import { FIXTURES } from './support.js';

test('lists every .md under post/ and page/, sorted, with kind and stat', async () => {
  const files = await scanContent(FIXTURES);
  const ids = files.map((f) => f.id);
  assert.deepEqual(ids, [...ids].sort());
  assert.ok(ids.includes('post/2015/toml-basic.md'));
  assert.ok(ids.includes('post/中文文章.md'));
  assert.ok(ids.includes('page/docs/intro.md'));
  assert.ok(
    !ids.some((id) => id.includes('.hidden') || id.endsWith('.txt') || id.startsWith('bad/')),
  );
  const page = files.find((f) => f.id === 'page/about.md');
  assert.equal(page?.kind, 'page');
  assert.equal(page?.abs, join(FIXTURES, 'page/about.md'));
  assert.ok((page?.size ?? 0) > 0 && (page?.mtimeMs ?? 0) > 0);
  assert.ok(files.filter((f) => f.id.startsWith('post/')).every((f) => f.kind === 'post'));
});

test('a content folder without post/ or page/ has none of them', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pugo-scan-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.deepEqual(await scanContent(dir), []);
});

test('regression: a content folder that is not there is PUGO_CONTENT_GONE, not a site without posts', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pugo-scan-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await assert.rejects(scanContent(join(dir, 'missing')), { code: 'PUGO_CONTENT_GONE' });
});

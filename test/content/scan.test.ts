// scanContent: finds .md posts and pages recursively, skips dotfiles, sorts by id.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { scanContent } from '../../src/content/scan.js';
import { notTooling, statTree } from '../../src/walk.js';
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

test('a walk of the whole content folder handed over gives the same files as a scan of its own', async () => {
  const listed = statTree(FIXTURES, notTooling);
  assert.deepEqual(await scanContent(FIXTURES, undefined, listed), await scanContent(FIXTURES));
});

test('a handed-over walk that skipped a folder a scan enters is not trusted: the scan walks', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pugo-scan-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const sub of ['post/node_modules', 'post/out', 'page'])
    mkdirSync(join(dir, sub), { recursive: true });
  for (const file of ['post/a.md', 'post/node_modules/b.md', 'post/out/c.md', 'page/p.md']) {
    writeFileSync(join(dir, file), '```toml\ntitle = "x"\n```\n');
  }
  const own = (await scanContent(dir)).map((f) => f.id);
  assert.deepEqual(own, ['page/p.md', 'post/a.md', 'post/node_modules/b.md', 'post/out/c.md']);
  // As a build walks it: tooling left out, and its dest/ (here post/out) too.
  const keep = (rel: string) => notTooling(rel) && rel !== 'post/out/';
  const listed = statTree(dir, keep);
  assert.deepEqual(listed.refused.sort(), ['post/node_modules/', 'post/out/']);
  assert.deepEqual(
    (await scanContent(dir, undefined, listed)).map((f) => f.id),
    own,
  );
  // dest/ as the post folder's parent: no post is lost either.
  const above = statTree(dir, (rel) => rel !== 'post/');
  assert.deepEqual(
    (await scanContent(dir, undefined, above)).map((f) => f.id),
    own,
  );
});

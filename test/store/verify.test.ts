// verifyStore: a store in line with its content has no finding; each inconsistency, made by
// writing through `level` directly (or by changing the content), gives its own finding.

import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { Level } from 'level';
import { createMemoryLogger } from '../../src/log.js';
import { byDateKey } from '../../src/store/keys.js';
import { LevelStore } from '../../src/store/level-store.js';
import { verifyStore } from '../../src/store/verify.js';
import { makeSite, open, post } from '../helpers.js';

const A_DATE = '2020-01-01T00:00:00.000Z';
const A_PATH = '/2020/1/1/a.html';

/** Two tagged posts, an untagged one, a page, and a post that does not parse (no entry). */
async function syncedSite(t: TestContext) {
  const site = await makeSite(t, {
    'post/a.md': post('A', '2020-01-01', ['x', 'Y']),
    'post/b.md': post('B', '2020-01-02', ['x']),
    'post/c.md': post('C', '2020-01-03'),
    'post/broken.md': '```toml\ntitle = \n```\n',
    'page/about.md': post('About', '2020-01-04'),
  });
  const opened = await open(t, site.content, site.store);
  const { problems } = await opened.sync();
  assert.equal(problems.length, 1, 'broken.md is reported, not stored');
  await opened.close();
  return site;
}

type Sub = ReturnType<typeof subOf>;
const subOf = (db: Level<string, unknown>, name: string) =>
  db.sublevel<string, unknown>(name, { valueEncoding: 'json' });

/** Writes `damage` into the closed store through `level`, then verifies it: `kind space key` rows. */
async function findingsAfter(
  t: TestContext,
  damage: (sub: (name: string) => Sub, site: { content: string }) => Promise<void>,
): Promise<string[]> {
  const site = await syncedSite(t);
  const db = new Level<string, unknown>(site.store, { valueEncoding: 'json' });
  await damage((name) => subOf(db, name), site);
  await db.close();
  const store = await LevelStore.open(site.store, createMemoryLogger());
  t.after(() => store.close());
  const findings = await verifyStore(store, site.content);
  return findings.map((f) => `${f.kind} ${f.space} ${f.key}`).sort();
}

const A_BY_DATE = byDateKey(A_DATE, 'post/a.md');

test('a store in line with its content has no finding', async (t) => {
  assert.deepEqual(await findingsAfter(t, async () => {}), []);
});

test('a content file changed since the sync: its record is stale', async (t) => {
  const rows = await findingsAfter(t, async (_, site) => {
    await writeFile(join(site.content, 'post/a.md'), post('A2', '2020-01-01', ['x', 'Y']));
  });
  assert.deepEqual(rows, ['stale-file-record files post/a.md']);
});

test('a content file added since the sync: it has no record', async (t) => {
  const rows = await findingsAfter(t, async (_, site) => {
    await writeFile(join(site.content, 'post/new.md'), post('New', '2020-02-01'));
  });
  assert.deepEqual(rows, ['missing-file-record content post/new.md']);
});

test('a content file removed since the sync: its record is an orphan', async (t) => {
  const rows = await findingsAfter(t, (_, site) => rm(join(site.content, 'post/b.md')));
  assert.deepEqual(rows, ['orphan-file-record files post/b.md']);
});

test('a file record lost: the file has no record and its entry is an orphan', async (t) => {
  const rows = await findingsAfter(t, (sub) => sub('files').del('post/a.md'));
  assert.deepEqual(rows, ['missing-file-record content post/a.md', 'orphan-entry posts post/a.md']);
});

test('a post lost: its file misses its entry and its index entries dangle', async (t) => {
  const rows = await findingsAfter(t, (sub) => sub('posts').del('post/a.md'));
  assert.deepEqual(rows, [
    `dangling-index byDate ${A_BY_DATE}`,
    `dangling-index byPath ${A_PATH}`,
    'dangling-index search post/a.md',
    'dangling-index summaries post/a.md',
    'missing-entry posts post/a.md',
  ]);
});

test('a page lost: its file misses its entry and its path dangles', async (t) => {
  const rows = await findingsAfter(t, (sub) => sub('pages').del('page/about.md'));
  assert.deepEqual(rows, [
    'dangling-index byPath /about.html',
    'dangling-index search page/about.md',
    'missing-entry pages page/about.md',
  ]);
});

test('a post no file accounts for is an orphan, missing from the indexes', async (t) => {
  const rows = await findingsAfter(t, async (sub) => {
    const a = (await sub('posts').get('post/a.md')) as Record<string, unknown>;
    const ghost = { ...a, id: 'post/ghost.md', path: '/2020/1/1/ghost.html', tags: [] };
    await sub('posts').put('post/ghost.md', ghost);
  });
  assert.deepEqual(rows, [
    `missing-index byDate ${byDateKey(A_DATE, 'post/ghost.md')}`,
    'missing-index byPath /2020/1/1/ghost.html',
    'missing-index search post/ghost.md',
    'missing-index summaries post/ghost.md',
    'orphan-entry posts post/ghost.md',
  ]);
});

test('an entry whose index keys are not its record’s is mismatched', async (t) => {
  const rows = await findingsAfter(t, async (sub) => {
    const rec = (await sub('files').get('post/b.md')) as { index: { path: string } };
    await sub('files').put('post/b.md', { ...rec, index: { ...rec.index, path: '/b.html' } });
  });
  assert.deepEqual(rows, ['mismatched-entry posts post/b.md']);
});

test('an entry missing from each index gives a missing-index finding', async (t) => {
  const rows = await findingsAfter(t, async (sub) => {
    await sub('byDate').del(A_BY_DATE);
    await sub('byPath').del(A_PATH);
    await sub('search').del('post/a.md');
    await sub('summaries').del('post/a.md');
  });
  assert.deepEqual(rows, [
    `missing-index byDate ${A_BY_DATE}`,
    `missing-index byPath ${A_PATH}`,
    'missing-index search post/a.md',
    'missing-index summaries post/a.md',
  ]);
});

test('index entries pointing at no entry dangle', async (t) => {
  const rows = await findingsAfter(t, async (sub) => {
    await sub('byDate').put(byDateKey(A_DATE, 'post/gone.md'), {
      kind: 'post',
      id: 'post/gone.md',
    });
    await sub('byPath').put('/gone.html', { id: 'page/gone.md', kind: 'page' });
    await sub('summaries').put('post/gone.md', '<p>Gone.</p>');
  });
  assert.deepEqual(rows, [
    `dangling-index byDate ${byDateKey(A_DATE, 'post/gone.md')}`,
    'dangling-index byPath /gone.html',
    'dangling-index summaries post/gone.md',
  ]);
});

test('an index entry of an existing post, but not one of its keys or values, is stale', async (t) => {
  const rows = await findingsAfter(t, async (sub) => {
    const summary = (await sub('byDate').get(A_BY_DATE)) as Record<string, unknown>;
    await sub('byDate').put(A_BY_DATE, { ...summary, title: 'Old title' });
  });
  assert.deepEqual(rows, [`stale-index byDate ${A_BY_DATE}`]);
});

test("a summary's HTML that is not its post's is stale", async (t) => {
  const rows = await findingsAfter(t, (sub) => sub('summaries').put('post/a.md', '<p>Old.</p>'));
  assert.deepEqual(rows, ['stale-index summaries post/a.md']);
});

test('a half-written value is undecodable, and reported once', async (t) => {
  const rows = await findingsAfter(t, async (sub) => {
    const raw = (name: string) =>
      sub(name) as unknown as { put(k: string, v: string, o: object): Promise<void> };
    await raw('posts').put('post/a.md', '{"kind":"post","id":"post/a.md","ti', {
      valueEncoding: 'utf8',
    });
    await raw('files').put('post/b.md', '{"mtimeMs":1', { valueEncoding: 'utf8' });
    // Valid JSON of the wrong shape: a file record where a post belongs.
    await sub('posts').put('post/c.md', { mtimeMs: 1, size: 2, hash: 'x' });
  });
  assert.deepEqual(rows, [
    'undecodable files post/b.md',
    'undecodable posts post/a.md',
    'undecodable posts post/c.md',
  ]);
});

test('a store without its parse fingerprint is reported', async (t) => {
  const rows = await findingsAfter(t, (sub) => sub('meta').del('parseFingerprint'));
  assert.deepEqual(rows, ['bad-meta meta parseFingerprint']);
});

// Store sync: only changed files are parsed, in one batch; broken files keep their last good version.

import assert from 'node:assert/strict';
import { rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeSite, open, post } from '../helpers.js';

test('an unchanged site parses no file; one changed post parses that post only', async (t) => {
  const site = await makeSite(t, {
    'post/a.md': post('A', '2020-01-01', ['x']),
    'post/b.md': post('B', '2020-01-02', ['x', 'y']),
    'page/about.md': post('About', '2020-01-03'),
  });
  const opened = await open(t, site.content, site.store);
  const first = await opened.sync();
  assert.equal(first.parsed, 3);
  assert.deepEqual(first.problems, []);
  const again = await opened.sync();
  assert.equal(again.parsed, 0);
  assert.deepEqual(again.changed, []);
  await writeFile(join(site.content, 'post/b.md'), post('B2', '2020-01-02', ['y']));
  const changed = await opened.sync();
  assert.equal(changed.parsed, 1);
  assert.deepEqual(changed.changed, ['post/b.md']);
  const tags = opened.site.snapshot().tags;
  assert.deepEqual(
    tags.get('x')?.posts.map((p) => p.id),
    ['post/a.md'],
  );
  assert.equal((await opened.store.entryByPath('/2020/1/2/b.html'))?.title, 'B2');
});

test('a touched file with the same bytes is not parsed again', async (t) => {
  const site = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
  const opened = await open(t, site.content, site.store);
  await opened.sync();
  const later = new Date(Date.now() + 5000);
  await utimes(join(site.content, 'post/a.md'), later, later);
  assert.equal((await opened.sync()).parsed, 0);
});

test('a deleted file leaves no entry and no index entry behind', async (t) => {
  const site = await makeSite(t, {
    'post/a.md': post('A', '2020-01-01', ['x']),
    'post/b.md': post('B', '2020-01-02', ['x']),
  });
  const opened = await open(t, site.content, site.store);
  await opened.sync();
  await rm(join(site.content, 'post/a.md'));
  const result = await opened.sync();
  assert.equal(result.deleted, 1);
  assert.equal(await opened.store.entryByPath('/2020/1/1/a.html'), undefined);
  assert.deepEqual(
    (await opened.store.postSummaries()).map((p) => p.id),
    ['post/b.md'],
  );
  const tags = opened.site.snapshot().tags;
  assert.deepEqual([...tags.keys()], ['x']);
  assert.deepEqual(
    tags.get('x')?.posts.map((p) => p.id),
    ['post/b.md'],
  );
  assert.equal((await opened.store.files()).has('post/a.md'), false);
});

test('a post broken after a good version keeps the good version served and reports the problem', async (t) => {
  const site = await makeSite(t, { 'post/a.md': post('Good', '2020-01-01') });
  const opened = await open(t, site.content, site.store);
  await opened.sync();
  await writeFile(join(site.content, 'post/a.md'), '```toml\ntitle = "Broken\n```\nbody\n');
  const result = await opened.sync();
  assert.equal(result.problems.length, 1);
  assert.equal(result.problems[0].code, 'PUGO_FRONT_MATTER_INVALID');
  assert.equal((await opened.store.entryByPath('/2020/1/1/a.html'))?.title, 'Good');
  const again = await opened.sync();
  assert.deepEqual(again.problems, result.problems, 'reported again while still broken');
  // regression: a broken file was parsed again on every sync (up to the render time limit each).
  assert.equal(again.parsed, 0, 'the same bytes are not parsed again');
  await writeFile(join(site.content, 'post/a.md'), post('Fixed', '2020-01-01'));
  const fixed = await opened.sync();
  assert.deepEqual(fixed.problems, []);
  assert.equal((await opened.store.entryByPath('/2020/1/1/a.html'))?.title, 'Fixed');
});

test('two posts at the same URL: the second is reported and the first kept', async (t) => {
  const site = await makeSite(t, {
    'post/a.md': post('First', '2020-01-01', [], 'slug = "same"\n'),
    'post/b.md': post('Second', '2020-01-01', [], 'slug = "same"\n'),
  });
  const opened = await open(t, site.content, site.store);
  const result = await opened.sync();
  assert.deepEqual(
    result.problems.map((p) => [p.code, p.file]),
    [['PUGO_DUPLICATE_SLUG', 'post/b.md']],
  );
  assert.equal((await opened.store.entryByPath('/2020/1/1/same.html'))?.title, 'First');
});

test('the store survives a reopen: a second process start parses nothing', async (t) => {
  const site = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
  const first = await open(t, site.content, site.store);
  await first.sync();
  await first.close();
  const second = await open(t, site.content, site.store);
  assert.equal((await second.sync()).parsed, 0);
  assert.equal(second.site.snapshot().posts.length, 1);
});

test('a second pugo on the same store gets PUGO_STORE_LOCKED', async (t) => {
  const site = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
  await open(t, site.content, site.store);
  await assert.rejects(open(t, site.content, site.store), { code: 'PUGO_STORE_LOCKED' });
});

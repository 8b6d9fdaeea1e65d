// A sync filling an empty store writes its batch in parts (level-store.ts PART_BYTES), so a big
// first build never holds the whole site twice; a store a stopped fill left part-written is
// emptied when next opened, as it was before that sync.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Level } from 'level';
import { makeSite, openLogged, post } from '../helpers.js';

/** 200 posts of about 60 KB of prose each: more than two parts of the batch. */
function bigPosts(): Record<string, string> {
  const files: Record<string, string> = {};
  const paragraph = `${'Words of a long post, written over many evenings. '.repeat(40)}\n\n`;
  for (let i = 0; i < 200; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    files[`post/p${i}.md`] = post(`Post ${i}`, `2020-02-${day}`, [], '') + paragraph.repeat(30);
  }
  return files;
}

test('filling an empty store writes it in parts, and leaves no mark once done', async (t) => {
  const site = await makeSite(t, bigPosts());
  const first = await openLogged(t, site.content, site.store);
  const before = first.opened.store.figures().batches;
  await first.opened.sync();
  const parts = first.opened.store.figures().batches - before;
  assert.ok(parts >= 3, `two parts written as it went, then the rest (${parts} batches)`);
  assert.equal(first.opened.site.snapshot().posts.length, 200);
  assert.equal(await first.opened.store.getMeta('filling'), undefined, 'the mark is gone');
  await first.opened.close();

  const again = await openLogged(t, site.content, site.store);
  const result = await again.opened.sync();
  assert.equal(result.parsed, 0, 'the filled store is whole: nothing to parse again');
  assert.deepEqual(again.log.lines, []);
});

test('a store a stopped fill left part-written opens empty, and fills again', async (t) => {
  const site = await makeSite(t, bigPosts());
  const first = await openLogged(t, site.content, site.store);
  await first.opened.sync();
  await first.opened.close();
  // What a fill killed after its first part leaves: the mark, and some entries.
  const db = new Level<string, unknown>(site.store, { valueEncoding: 'json' });
  await db.sublevel<string, unknown>('meta', { valueEncoding: 'json' }).put('filling', 1);
  await db.close();

  const next = await openLogged(t, site.content, site.store);
  const lines = next.log.lines.join('\n');
  assert.match(lines, /^info: the store .* was left part-filled by a stopped sync: emptied it/);
  assert.doesNotMatch(lines, /warning:/, 'nothing was lost: no warning');
  assert.equal((await next.opened.store.files()).size, 0, 'emptied, as before the fill');
  const result = await next.opened.sync();
  assert.equal(result.parsed, 200, 'every file parsed again');
  assert.equal(next.opened.site.snapshot().posts.length, 200);
});

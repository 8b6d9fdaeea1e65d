// Store faults: a store held by another process, and stores damaged on disk (garbled or cut-short
// table files, a lost CURRENT, another schema), each detected, moved aside, rebuilt from content
// with a message, and served again.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { Level } from 'level';
import { makeSite, openLogged, post, REPO, serve, spawnServe } from '../helpers.js';

const POSTS = Object.fromEntries(
  Array.from({ length: 40 }, (_, i) => [
    `post/p${i}.md`,
    post(`Post ${i}`, `2020-01-${String((i % 28) + 1).padStart(2, '0')}`, [`t${i % 5}`]) +
      'Some words. '.repeat(200),
  ]),
);

const openWithLog = (t: TestContext, site: { content: string; store: string }) =>
  openLogged(t, site.content, site.store);

/** A synced store, closed, with its values compacted into a table (.ldb) file. */
async function syncedStore(t: TestContext) {
  const site = await makeSite(t, POSTS);
  const { opened } = await openWithLog(t, site);
  await opened.sync();
  await opened.close();
  const db = new Level(site.store);
  await db.open();
  // classic-level's compactRange (not in level's types) writes everything into table files.
  await (db as unknown as { compactRange(a: string, b: string): Promise<void> }).compactRange(
    '\u0000',
    '\uffff',
  );
  await db.close();
  const tables = (await readdir(site.store)).filter((n) => n.endsWith('.ldb'));
  assert.ok(tables.length > 0, 'the store has a table file to damage');
  return { site, table: join(site.store, tables[0]) };
}

/** After the damage: the next open reports it, keeps the old store aside, and serves everything. */
async function recovers(t: TestContext, site: { content: string; store: string }, what: RegExp) {
  const { opened, log } = await openWithLog(t, site);
  await opened.recovering(async () => {
    await opened.sync();
    // Every post read back in full, as a build or a visitor would.
    for (const p of opened.site.snapshot().posts) await opened.store.entryByPath(p.path);
  });
  const warning = log.lines.find((l) => l.includes('PUGO_STORE_CORRUPT')) ?? '';
  assert.match(warning, what);
  assert.match(warning, /moved it to .*\.corrupt-\d+, rebuilding from content/);
  const aside = (await readdir(dirname(site.store))).filter((n) => n.includes('.corrupt-'));
  assert.equal(aside.length, 1, 'the damaged store is kept aside');
  assert.equal(opened.site.snapshot().posts.length, 40, 'every post is back');
  const running = await serve(t, opened);
  assert.equal((await fetch(`${running.url}/2020/1/1/p0.html`)).status, 200);
}

test('a garbled table file is detected, moved aside and rebuilt from content', async (t) => {
  const { site, table } = await syncedStore(t);
  const bytes = await readFile(table);
  for (let i = 0; i < bytes.length; i += 97) bytes[i] ^= 0x5a;
  await writeFile(table, bytes);
  await recovers(t, site, /corrupt/i);
});

test('a table file cut short is detected, moved aside and rebuilt from content', async (t) => {
  const { site, table } = await syncedStore(t);
  const { size } = await stat(table);
  await truncate(table, Math.floor(size / 2));
  await recovers(t, site, /corrupt/i);
});

test('a store without CURRENT is moved aside and rebuilt, not silently emptied in place', async (t) => {
  const { site } = await syncedStore(t);
  await rm(join(site.store, 'CURRENT'));
  await recovers(t, site, /CURRENT is missing/);
});

test('a store of another schema version is rebuilt with a message', async (t) => {
  const { site } = await syncedStore(t);
  const db = new Level<string, unknown>(site.store, { valueEncoding: 'json' });
  await db.sublevel<string, unknown>('meta', { valueEncoding: 'json' }).put('schema', 999);
  await db.close();
  const { opened, log } = await openWithLog(t, site);
  const result = await opened.sync();
  assert.equal(result.parsed, 40, 'every post parsed again');
  assert.match(
    log.lines.join('\n'),
    /schema 999, this pugo writes \d+: rebuilding it from content/,
  );
});

test('a second pugo process on the same store is told which store is in use', async (t) => {
  const site = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
  await spawnServe(t, site);
  const main = join(REPO, 'dist', 'src', 'cli', 'main.js');
  const args = ['build', '--content', site.content, '--store', site.store, '--dest', site.dest];
  const second = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
  assert.notEqual(second.status, 0);
  assert.match(second.stderr, /PUGO_STORE_LOCKED/);
  assert.ok(second.stderr.includes(site.store), 'names the store');
});

// A pugo process killed while LevelDB created its store: the next start opens it as new, with no
// corruption message and nothing moved aside. Named after the bug the crash drill's sweep found.

import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { Level } from 'level';
import { makeSite, openLogged, post, tempDir, writeFiles } from '../helpers.js';

/** The manifest LevelDB writes for a new store, taken from one it really made. */
async function newManifest(dir: string): Promise<Buffer> {
  const db = new Level(dir);
  await db.open();
  await db.close();
  const name = (await readdir(dir)).find((n) => n.startsWith('MANIFEST-'));
  assert.ok(name, 'a new store has a manifest');
  return readFile(join(dir, name));
}

test('a store killed while LevelDB created it was reported corrupt and moved aside', async (t) => {
  const site = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
  // What a SIGKILL 0.25 s into `pugo build` on a new store left: the manifest, and CURRENT still
  // under its temporary name.
  await writeFiles(site.store, {
    LOCK: '',
    LOG: '2026/01/01-00:00:00.000000 7f00 Delete type=3 #1\n',
    'MANIFEST-000001': await newManifest(await tempDir(t)),
    '000001.dbtmp': 'MANIFEST-000001\n',
  });
  const { opened, log } = await openLogged(t, site.content, site.store);
  await opened.sync();
  assert.deepEqual(log.lines, [], 'no warning: nothing was lost, there is nothing to report');
  const aside = (await readdir(dirname(site.store))).filter((n) => n.includes('.corrupt-'));
  assert.deepEqual(aside, [], 'nothing moved aside');
  assert.equal(opened.site.snapshot().posts.length, 1);
});

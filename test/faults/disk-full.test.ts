// Faults of the machine, on a real tmpfs: a full disk and a read-only one under the store and dest/
// get a coded message and exit 74, never move a healthy store aside, and lose nothing.

import assert from 'node:assert/strict';
import { readdir, readFile, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeSite, post } from '../helpers.js';
import { mountTmpfs, pugo, tmpfsRefusal } from './machine.js';

const refused = await tmpfsRefusal();

async function blog(t: Parameters<typeof makeSite>[0]) {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 40; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    files[`post/p${i}.md`] = post(`Post ${i}`, `2020-0${(i % 9) + 1}-${day}`, ['go', `t${i % 7}`]);
  }
  return makeSite(t, files);
}

async function filesOf(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile())
      out.set(
        join(e.parentPath, e.name).slice(dir.length),
        await readFile(join(e.parentPath, e.name), 'utf8'),
      );
  }
  return out;
}

/** A post saved again unchanged: the next build cannot answer from its stamp, it opens the store. */
async function touchPost(content: string) {
  const later = new Date(Date.now() + 5000);
  await utimes(join(content, 'post/p1.md'), later, later);
}

const siblingsOf = async (dir: string) => (await readdir(dir)).sort();

test('disk full during pugo build: a coded message naming the path, exit 74; after freeing space the same files as a clean build', {
  skip: refused ?? false,
}, async (t) => {
  const site = await blog(t);
  const disk = await mountTmpfs(t, 8);
  const dest = join(disk.dir, 'dest');
  const flags = ['--content', site.content, '--store', join(disk.dir, 'store'), '--dest', dest];
  await disk.fill(256 * 1024);
  const full = await pugo(['build', ...flags]);
  assert.equal(full.code, 74, full.stderr);
  assert.match(
    full.stderr,
    /no space left on the device while (writing|opening the store) .*\[PUGO_DISK_FULL\]/,
  );
  assert.doesNotMatch(full.stderr, /internal error|\n\s+at /);
  await disk.free();
  const again = await pugo(['build', ...flags]);
  assert.equal(again.code, 0, again.stderr);
  const clean = await pugo([
    'build',
    '--content',
    site.content,
    '--store',
    site.store,
    '--dest',
    site.dest,
  ]);
  assert.equal(clean.code, 0, clean.stderr);
  assert.deepEqual(await filesOf(dest), await filesOf(site.dest));
});

test('disk full when a build opens a healthy store: nothing is moved aside, and the next build uses it', {
  skip: refused ?? false,
}, async (t) => {
  const site = await blog(t);
  const disk = await mountTmpfs(t, 8);
  const store = join(disk.dir, 'store');
  const flags = ['--content', site.content, '--store', store, '--dest', site.dest];
  assert.equal((await pugo(['build', ...flags])).code, 0);
  await touchPost(site.content);
  await disk.fill();
  const full = await pugo(['build', ...flags]);
  assert.equal(full.code, 74, full.stderr);
  assert.match(full.stderr, /\[PUGO_DISK_FULL\]/);
  assert.doesNotMatch(full.stderr, /corrupt|internal error/);
  assert.deepEqual(
    await siblingsOf(disk.dir),
    ['filler', 'filler-2', 'store'],
    'no store.corrupt-* beside it',
  );
  await disk.free();
  const after = await pugo(['build', ...flags]);
  assert.equal(after.code, 0, after.stderr);
  assert.match(
    after.stdout,
    / 0 changed, 0 removed/,
    'the healthy store was kept: nothing to write',
  );
});

test('a read-only store folder: "read-only" in pugo\'s words, exit 74, no rename tried', {
  skip: refused ?? false,
}, async (t) => {
  const site = await blog(t);
  const disk = await mountTmpfs(t, 8);
  const store = join(disk.dir, 'store');
  const flags = ['--content', site.content, '--store', store, '--dest', site.dest];
  assert.equal((await pugo(['build', ...flags])).code, 0);
  await touchPost(site.content);
  disk.readOnly(true);
  const ro = await pugo(['build', ...flags]);
  assert.equal(ro.code, 74, ro.stderr);
  assert.match(
    ro.stderr,
    /the file system is read-only while opening the store .*\[PUGO_READ_ONLY\]/,
  );
  assert.doesNotMatch(ro.stderr, /corrupt|internal error/);
  assert.deepEqual(await siblingsOf(disk.dir), ['store']);
});

test('a read-only dest/: the message names the file it could not write, exit 74', {
  skip: refused ?? false,
}, async (t) => {
  const site = await blog(t);
  const disk = await mountTmpfs(t, 8);
  disk.readOnly(true);
  const res = await pugo([
    'build',
    '--content',
    site.content,
    '--store',
    site.store,
    '--dest',
    join(disk.dir, 'dest'),
  ]);
  assert.equal(res.code, 74, res.stderr);
  assert.match(res.stderr, /read-only while writing .*dest.*\[PUGO_READ_ONLY\]/);
});

// No permission: pugo run as an unprivileged user (nobody) against folders it may not write or
// files it may not read. Root ignores permission bits, so these run only where the test can
// drop to another user (as root, through setpriv), and skip with the reason elsewhere.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { makeSite, post, REPO } from '../helpers.js';

const SETPRIV = '/usr/bin/setpriv';
const refused =
  process.getuid?.() !== 0
    ? 'not root: cannot run pugo as another user to meet permission bits'
    : existsSync(SETPRIV)
      ? null
      : 'no setpriv (util-linux) to run pugo as another user';

const MAIN = join(REPO, 'dist', 'src', 'cli', 'main.js');

/** pugo as the user nobody. */
async function asNobody(args: string[]) {
  const argv = [
    '--reuid=65534',
    '--regid=65534',
    '--clear-groups',
    process.execPath,
    MAIN,
    ...args,
  ];
  try {
    const { stdout, stderr } = await promisify(execFile)(SETPRIV, argv, { cwd: '/' });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A site nobody may read, with a store folder nobody may write, and a dest/ only root may. */
async function site(t: Parameters<typeof makeSite>[0]) {
  const s = await makeSite(t, {
    'post/a.md': post('Readable', '2020-01-01'),
    'post/b.md': post('Unreadable', '2020-01-02'),
  });
  await chmod(s.root, 0o755);
  for (const dir of [s.content, join(s.content, 'post')]) await chmod(dir, 0o755);
  for (const f of ['meta.toml', 'post/a.md', 'post/b.md']) await chmod(join(s.content, f), 0o644);
  const writable = join(s.root, 'writable');
  await mkdir(writable, { mode: 0o777 });
  await chmod(writable, 0o777);
  await mkdir(s.dest, { mode: 0o755 });
  return { ...s, writable };
}

test('a dest/ pugo may not write: PUGO_NO_PERMISSION naming it, exit 74', {
  skip: refused ?? false,
}, async (t) => {
  const s = await site(t);
  const res = await asNobody([
    'build',
    '--content',
    s.content,
    '--store',
    join(s.writable, 'store'),
    '--dest',
    s.dest,
  ]);
  assert.equal(res.code, 74, res.stderr);
  assert.match(res.stderr, /permission denied while writing .*dest.*\[PUGO_NO_PERMISSION\]/);
  assert.doesNotMatch(res.stderr, /internal error/);
});

test('a store folder pugo may not write: PUGO_NO_PERMISSION, and nothing is moved aside', {
  skip: refused ?? false,
}, async (t) => {
  const s = await site(t);
  await mkdir(s.store, { mode: 0o755 });
  const res = await asNobody([
    'build',
    '--content',
    s.content,
    '--store',
    s.store,
    '--dest',
    join(s.writable, 'dest'),
  ]);
  assert.equal(res.code, 74, res.stderr);
  assert.match(res.stderr, /permission denied while opening the store .*\[PUGO_NO_PERMISSION\]/);
  assert.deepEqual(
    (await readdir(s.root)).filter((n) => n.startsWith('store')),
    ['store'],
  );
});

test('a post pugo may not read: reported with its path, and the rest of the site is built', {
  skip: refused ?? false,
}, async (t) => {
  const s = await site(t);
  await chmod(join(s.content, 'post/b.md'), 0o600);
  const dest = join(s.writable, 'dest');
  const res = await asNobody([
    'build',
    '--content',
    s.content,
    '--store',
    join(s.writable, 'store'),
    '--dest',
    dest,
  ]);
  assert.equal(res.code, 0, res.stderr);
  assert.match(
    res.stderr,
    /post\/b\.md.*permission denied while reading .*\[PUGO_NO_PERMISSION\] \(left out of the site\)/,
  );
  assert.ok(existsSync(join(dest, '2020/1/1/a.html')));
});

test('a post folder pugo may not read is a fault, never an empty folder: the built site keeps its posts', {
  skip: refused ?? false,
}, async (t) => {
  const s = await site(t);
  const flags = ['--content', s.content, '--store', join(s.writable, 'store')];
  const dest = join(s.writable, 'dest');
  assert.equal((await asNobody(['build', ...flags, '--dest', dest])).code, 0);
  await mkdir(join(s.content, 'post/2021'), { mode: 0o700 });
  await chmod(join(s.content, 'post/2021'), 0o700);
  const res = await asNobody(['build', ...flags, '--dest', dest]);
  assert.equal(res.code, 74, res.stderr);
  assert.match(
    res.stderr,
    /permission denied while reading the folder .*post\/2021.*\[PUGO_NO_PERMISSION\]/,
  );
  assert.ok(existsSync(join(dest, '2020/1/1/a.html')), 'no post was taken for deleted');
});

// `pugo build` beside a running `pugo serve` on the same folder, with the default stores of each.

import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeSite, post } from '../helpers.js';
import { MAIN, pugo } from './run-pugo.js';

/** `pugo serve` run as a user runs it, from the site's folder, with only the flags given. */
async function serveIn(
  t: Parameters<typeof makeSite>[0],
  cwd: string,
  args: string[],
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN, 'serve', '--port', '0', ...args], { cwd });
  t.after(() => child.kill('SIGTERM'));
  let err = '';
  await new Promise<void>((ok, fail) => {
    child.stderr.on('data', (c) => {
      err += c;
      if (/serving http/.test(err)) ok();
    });
    child.on('exit', () => fail(new Error(err)));
  });
  return child;
}

// Regression: both commands defaulted to .pugo/store, and the build failed with
// PUGO_STORE_LOCKED for as long as the server ran.
test('pugo build succeeds on a folder that pugo serve is serving, with the default stores', async (t) => {
  const s = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
  await serveIn(t, s.root, ['--content', 'content']);
  assert.ok(existsSync(join(s.root, '.pugo', 'serve-store')), "serve's own store");
  const res = await pugo(['build', '--content', 'content'], s.root);
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stdout, /^built \d+ pages/);
  assert.ok(existsSync(join(s.root, 'dest', '2020', '1', '1', 'a.html')));
  assert.ok(existsSync(join(s.root, '.pugo', 'store')), "build's store");
});

test('a store given to both commands is still refused while serve holds it', async (t) => {
  const s = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
  await serveIn(t, s.root, ['--content', 'content', '--store', 'shared']);
  const res = await pugo(['build', '--content', 'content', '--store', 'shared'], s.root);
  assert.equal(res.code, 1);
  assert.match(res.stderr, /\[PUGO_STORE_LOCKED\]/);
  assert.ok(!existsSync(join(s.root, 'dest')), 'nothing written with another store');
});

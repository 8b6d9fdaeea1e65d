// Evidence before a crash: a process that leaks towards a small heap limit, with
// [debug] near_limit_dir set, writes a heap profile there that names what leaked, and goes on
// (the fixture exits once it has said so; without the hook it would die of the leak).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { REPO, tempDir } from '../helpers.js';
import { decodePprof, flat, stacks } from './helpers.js';

const run = promisify(execFile);

test('near the heap limit, a pprof heap profile naming the leak is written to near_limit_dir', async (t) => {
  const dir = await tempDir(t, 'pugo-near-limit-');
  const script = join(REPO, 'dist', 'test', 'debug', 'fixtures', 'near-limit.js');
  const { stdout } = await run(process.execPath, ['--max-old-space-size=64', script, dir], {
    timeout: 60_000,
  });
  assert.match(stdout, /^armed$/m);
  assert.match(stdout, /the heap is near its limit; its profile is in .*\.heap\.pb\.gz/);
  const files = await readdir(dir);
  const profileFile = files.find((f) => /^pugo-\d+-\d{8}T\d{6}Z\.heap\.pb\.gz$/.test(f));
  assert.ok(profileFile, files.join(' '));
  const profile = decodePprof(await readFile(join(dir, profileFile)));
  // Most of the heap in use was allocated under the leaking function.
  const total = flat(profile, 'inuse_space').reduce((sum, [, bytes]) => sum + bytes, 0);
  const leaked = stacks(profile)
    .filter((s) => s.names.includes('leakNearTheLimit'))
    .reduce((sum, s) => sum + s.values[1], 0);
  assert.ok(leaked > total / 2, `${leaked} of ${total} bytes under leakNearTheLimit`);
});

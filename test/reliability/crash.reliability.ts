// Crash safety: `pugo build` on 4,000 posts killed with SIGKILL at 20 seeded moments (in start-up,
// full and incremental syncs, and the write phase); after each the store opens as it is, holds
// what it held before the sync or exactly the content, and dest/ holds no half-written file.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO } from '../helpers.js';
import { seededRandom } from '../tools/lib/seeded-random.js';
import { Drill, type Plan } from './crash-drill.js';
import { record } from './report.js';

const POSTS = 4000;

/**
 * Twenty kills. A title change right after a complete build, killed in its write phase and put
 * back, leaves a build with nothing to do unless it knows the last one did not finish. Posts
 * added by a killed build and removed in the next round leave pages no build remembers unless
 * the store noted them before writing. Fresh stores put kills in a full sync, and the build
 * after one rewrites every file of dest/. Complete builds (after rounds 1, 10 and 20) prove what
 * the kills before them left.
 */
const PLAN: Plan[] = [
  { kill: 'write', edit: 'title', after: 'revert' },
  { kill: 'sync', edit: 'posts', after: 'sync' },
  { kill: 'write', edit: 'posts', after: 'sync' },
  { kill: 'sync', edit: 'undo', after: 'sync' },
  { kill: 'early', edit: 'posts', after: 'sync' },
  { kill: 'fresh', edit: 'posts', after: 'sync' },
  { kill: 'write', edit: 'posts', after: 'sync' },
  { kill: 'sync', edit: 'posts', after: 'sync' },
  { kill: 'write', edit: 'title', after: 'sync' },
  { kill: 'write', edit: 'posts', after: 'complete' },
  { kill: 'sync', edit: 'posts', after: 'sync' },
  { kill: 'write', edit: 'posts', after: 'sync' },
  { kill: 'sync', edit: 'undo', after: 'sync' },
  { kill: 'early', edit: 'posts', after: 'sync' },
  { kill: 'fresh', edit: 'posts', after: 'sync' },
  { kill: 'write', edit: 'posts', after: 'sync' },
  { kill: 'sync', edit: 'posts', after: 'sync' },
  { kill: 'write', edit: 'title', after: 'sync' },
  { kill: 'sync', edit: 'undo', after: 'sync' },
  { kill: 'write', edit: 'posts', after: 'complete' },
];

/** PUGO_CRASH_SEED=<seed printed by a failing run> replays its kill times and edits. */
function seedOf(): number {
  const given = Number(process.env.PUGO_CRASH_SEED);
  return Number.isInteger(given) && given > 0 ? given : Math.floor(Math.random() * 2 ** 31) + 1;
}

test('a build killed at any moment leaves the store before or after its sync, and no torn dest/ file', {
  timeout: 15 * 60_000,
}, async (t) => {
  const seed = seedOf();
  t.diagnostic(`seed ${seed} (PUGO_CRASH_SEED=${seed} replays it)`);
  const work = await mkdtemp(join(tmpdir(), 'pugo-crash-'));
  const paths = {
    content: join(work, 'site'),
    store: join(work, 'store'),
    dest: join(work, 'dest'),
    theme: join(REPO, 'themes', 'default'),
  };
  const drill = new Drill(paths, seededRandom(seed), (line) => t.diagnostic(line));
  const started = performance.now();
  try {
    await drill.setup(POSTS);
    for (const [i, plan] of PLAN.entries()) await drill.round(i + 1, plan);
  } catch (err) {
    drill.failedRounds.add(`the drill stopped: ${err instanceof Error ? err.stack : err}`);
    throw err;
  } finally {
    const { kills, failedRounds } = drill;
    record('crash safety', { kills, inputs: POSTS + drill.edits, failures: failedRounds.size });
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    t.diagnostic(`${kills} kills, ${failedRounds.size} failed rounds in ${seconds} s`);
    await rm(work, { recursive: true, force: true });
  }
  assert.deepEqual(drill.failures, []);
});

// pugo deploy git, against a real bare repository: one commit on top of the last for each
// deploy that changes dest/, none for one that does not, nothing pushed on --strict problems,
// and a remote that refuses is a PUGO_* error.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { makeSite, post, tempDir } from '../helpers.js';
import { pugo } from './run-pugo.js';

const HAS_GIT = (() => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** git in the bare repository, as a user would read what was deployed. */
function inBare(bare: string, ...args: string[]): string {
  return execFileSync('git', ['--git-dir', bare, ...args], { encoding: 'utf8' }).trim();
}

async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function deploySite(t: Parameters<typeof tempDir>[0]) {
  const s = await makeSite(t, {
    'post/a.md': post('A', '2020-01-01', ['x']),
    'post/b.md': post('B', '2020-01-02', ['y']),
  });
  const bare = join(await tempDir(t), 'site.git');
  execFileSync('git', ['init', '--bare', '--quiet', bare]);
  const flags = ['--content', s.content, '--store', s.store, '--dest', s.dest];
  const deploy = (...more: string[]) => pugo(['deploy', 'git', bare, ...flags, ...more], s.root);
  return { ...s, bare, deploy };
}

test('each deploy that changes dest/ is one commit on top of the last; one that does not pushes nothing', {
  skip: HAS_GIT ? false : 'no git here',
}, async (t) => {
  const { bare, deploy, content, dest } = await deploySite(t);
  const first = await deploy();
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^built .*\ndeployed .* gh-pages: [0-9a-f]{12} \(first commit\)\n$/);
  const deployed = inBare(bare, 'ls-tree', '-r', '--name-only', 'gh-pages').split('\n').sort();
  assert.deepEqual(deployed, await filesOf(dest), 'the branch holds dest/ exactly');
  assert.match(
    inBare(bare, 'log', '-1', '--format=%s', 'gh-pages'),
    /^Site updated: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/,
  );

  writeFileSync(join(content, 'post/b.md'), post('B edited', '2020-01-02', ['y']));
  const second = await deploy('--message', 'New B');
  assert.equal(second.code, 0, second.stderr);
  assert.equal(inBare(bare, 'rev-list', '--count', 'gh-pages'), '2');
  const [head, parent] = inBare(bare, 'rev-list', 'gh-pages').split('\n');
  assert.match(second.stdout, new RegExp(`: ${head.slice(0, 12)} on ${parent.slice(0, 12)}\\n$`));
  assert.equal(inBare(bare, 'log', '-1', '--format=%s', 'gh-pages'), 'New B');
  assert.match(inBare(bare, 'show', 'gh-pages:2020/1/2/b.html'), /B edited/);

  const third = await deploy();
  assert.equal(third.code, 0, third.stderr);
  assert.match(third.stdout, /nothing changed, [0-9a-f]{12} is current\n$/);
  assert.equal(inBare(bare, 'rev-list', '--count', 'gh-pages'), '2');
});

test('--branch names the branch; --strict with a problem pushes nothing and exits 1', {
  skip: HAS_GIT ? false : 'no git here',
}, async (t) => {
  const { bare, deploy, content } = await deploySite(t);
  assert.equal((await deploy('--branch', 'site')).code, 0);
  assert.equal(inBare(bare, 'rev-list', '--count', 'site'), '1');
  writeFileSync(join(content, 'post/c.md'), post('C', '2020-01-03', [], 'author = "nobody"\n'));
  const strict = await deploy('--branch', 'site', '--strict');
  assert.equal(strict.code, 1);
  assert.match(strict.stderr, /nothing deployed: the build found problems and --strict is set/);
  assert.equal(inBare(bare, 'rev-list', '--count', 'site'), '1', 'nothing pushed');
});

test('a remote that refuses the push, or cannot be read, is a PUGO_* error, exit 1', {
  skip: HAS_GIT ? false : 'no git here',
}, async (t) => {
  const { bare, deploy, root } = await deploySite(t);
  const hook = join(bare, 'hooks', 'pre-receive');
  writeFileSync(hook, '#!/bin/sh\necho "deploys are frozen" >&2\nexit 1\n');
  chmodSync(hook, 0o755);
  const refused = await deploy();
  assert.equal(refused.code, 1);
  assert.match(
    refused.stderr,
    /refused the push to gh-pages: .*deploys are frozen.* \[PUGO_DEPLOY_REFUSED\]/s,
  );
  const missing = await pugo(
    [
      'deploy',
      'git',
      join(root, 'no-such.git'),
      '--content',
      join(root, 'content'),
      '--store',
      join(root, 'store'),
      '--dest',
      join(root, 'dest'),
    ],
    root,
  );
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read the remote .*no-such\.git.*\[PUGO_DEPLOY_REMOTE\]/s);
  assert.equal((await pugo(['deploy', 'ftp', 'x'], root)).code, 2, 'only git: a usage error');
  assert.equal((await pugo(['deploy', 'git'], root)).code, 2, 'a remote is required');
});

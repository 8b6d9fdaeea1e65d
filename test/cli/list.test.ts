// Drafts and scheduled posts: check, build and serve say how many they left out, and
// pugo list shows every post and page with its date and state.

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeSite, post, spawnServe } from '../helpers.js';
import { pugo } from './run-pugo.js';

const FILES = {
  'post/out.md': post('Out', '2020-01-01'),
  'post/wip.md': post('Work in progress', '2020-01-02', [], 'draft = true\n'),
  'post/later.md': post('Later', '2999-01-01 08:30'),
  'page/about.md': '```toml\ntitle = "About"\ndate = "2020-01-01"\n```\n\nAbout.\n',
  'page/soon.md': '```toml\ntitle = "Soon"\ndate = "2020-01-01"\ndraft = true\n```\n\nSoon.\n',
};

const NOTE =
  /^left out 2 drafts and 1 scheduled post \(see pugo list; --drafts and --future to include them\)$/m;

test('check and build say how many drafts and scheduled posts they left out', async (t) => {
  const s = await makeSite(t, FILES);
  const check = await pugo(['check', '--content', s.content]);
  assert.equal(check.code, 0, check.stdout);
  assert.match(check.stdout, NOTE);
  const build = ['build', '--content', s.content, '--store', s.store, '--dest', s.dest];
  const first = await pugo(build);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, NOTE);
  // Nothing changed: the build renders nothing, and still says what it leaves out.
  const again = await pugo(build);
  assert.match(again.stdout, /0 changed/);
  assert.match(again.stdout, NOTE);
  const withDrafts = await pugo([...build, '--drafts']);
  assert.match(
    withDrafts.stdout,
    /^left out 1 scheduled post \(see pugo list; --future to include them\)$/m,
  );
  const everything = await pugo([...build, '--drafts', '--future']);
  assert.doesNotMatch(everything.stdout, /left out/);
});

/** Waits up to 3 s for `pattern` in what `stderr` returns. */
async function said(stderr: () => string, pattern: RegExp) {
  const until = Date.now() + 3000;
  while (!pattern.test(stderr()) && Date.now() < until)
    await new Promise((ok) => setTimeout(ok, 50));
  assert.match(stderr(), pattern);
}

test('serve says what it left out when it starts, and again when a save changes it', async (t) => {
  const s = await makeSite(t, FILES);
  const served = await spawnServe(t, s);
  await said(served.stderr, /pugo: left out 2 drafts and 1 scheduled post/);
  await writeFile(join(s.content, 'post/wip.md'), post('Work in progress', '2020-01-02'));
  await said(served.stderr, /pugo: left out 1 draft and 1 scheduled post/);
});

test('pugo list shows posts and pages with their dates and state', async (t) => {
  const s = await makeSite(t, { ...FILES, 'post/broken.md': '```toml\ntitle = \n```\n' });
  const res = await pugo(['list', '--content', s.content]);
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stdout, /^3 posts \(1 draft, 1 scheduled\):$/m);
  assert.match(
    res.stdout,
    /^ {2}scheduled {2}2999-01-01 08:30 {2}\/2999\/1\/1\/later\.html +Later \(post\/later\.md\)$/m,
  );
  assert.match(
    res.stdout,
    /^ {2}draft {6}2020-01-02 00:00 {2}\S+ +Work in progress \(post\/wip\.md\)$/m,
  );
  assert.match(res.stdout, /^ {2}published {2}2020-01-01 00:00 {2}\/2020\/1\/1\/out\.html +Out/m);
  assert.match(res.stdout, /^2 pages \(1 draft\):$/m);
  assert.match(res.stdout, /^ {2}draft {6}2020-01-01 00:00 {2}\/soon\.html +Soon/m);
  assert.match(res.stdout, /^1 error in the content: see pugo check$/m);
  // Newest first, as the site lists them.
  assert.ok(res.stdout.indexOf('later.md') < res.stdout.indexOf('wip.md'));
  assert.ok(res.stdout.indexOf('wip.md') < res.stdout.indexOf('out.md'));
  const help = await pugo(['list', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage: pugo list/);
});

// A build with nothing to do is answered from the last build's stamp, without the store; any
// change the output can depend on brings the whole build back.

import assert from 'node:assert/strict';
import { cp, mkdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type TestContext, test } from 'node:test';
import { Level } from 'level';
import {
  type BuildPlace,
  buildInputs,
  clearStamp,
  stillBuilt,
  writeStamp,
} from '../../src/build/stamp.js';
import { makeSite, post, REPO, tempDir } from '../helpers.js';
import { pugo } from './run-pugo.js';

/** A site with its own copy of the default theme, so the test can edit a template. */
async function siteWithTheme(t: TestContext) {
  const site = await makeSite(t, {
    'post/a.md': post('A', '2020-01-01', ['x']),
    'post/b.md': post('B', '2020-01-02', ['y']),
    'post/who.md': '```toml\ntitle = "Who"\ndate = "2020-01-03"\nauthor = "nobody"\n```\n',
    'media/logo.txt': 'logo 1',
  });
  const theme = join(site.root, 'theme');
  await cp(join(REPO, 'themes', 'default'), theme, { recursive: true });
  const flags = ['--content', site.content, '--theme', theme];
  const build = async (...more: string[]) => {
    const res = await pugo([
      'build',
      ...flags,
      '--store',
      site.store,
      '--dest',
      site.dest,
      ...more,
    ]);
    assert.equal(res.code, 0, res.stderr);
    const rendered = /, ([\d,]+) rendered,/.exec(res.stdout)?.[1];
    assert.ok(rendered, res.stdout);
    return { ...res, rendered: Number(rendered.replace(/,/g, '')) };
  };
  return { ...site, theme, build };
}

/** Moves a file's mtime on, as an editor's save a second later would. */
async function later(file: string) {
  const next = new Date(Date.now() + 5000);
  await utimes(file, next, next);
}

test('a build with nothing changed says what the last one said, without opening the store', async (t) => {
  const site = await siteWithTheme(t);
  const first = await site.build();
  assert.ok(first.rendered > 0);
  // The store's folder locked by another process: a build that opened it would fail.
  const db = new Level(site.store);
  await db.open();
  try {
    const again = await site.build();
    assert.equal(again.rendered, 0);
    assert.equal(
      again.stdout.replace(/ in [\d.]+ s/, ''),
      first.stdout
        .replace(/ in [\d.]+ s/, '')
        .replace(/\d+ rendered, \d+ changed/, '0 rendered, 0 changed'),
    );
    assert.match(again.stderr, /post\/who\.md:4: .*PUGO_UNKNOWN_AUTHOR/, 'its warning said again');
    const strict = await pugo([
      'build',
      '--strict',
      '--content',
      site.content,
      '--theme',
      site.theme,
      '--store',
      site.store,
      '--dest',
      site.dest,
    ]);
    assert.equal(strict.code, 1, 'and --strict still fails on it');
  } finally {
    await db.close();
  }
});

test('each thing the output depends on brings the build back when it changes', async (t) => {
  const site = await siteWithTheme(t);
  await site.build();
  const page = join(site.dest, '2020/1/1/a.html');

  const postFile = join(site.content, 'post/a.md');
  await writeFile(postFile, post('A', '2020-01-01', ['x']).replace('Body of A', 'Edited body'));
  await later(postFile);
  assert.ok((await site.build()).rendered > 0, 'a post edited');
  assert.match(await readFile(page, 'utf8'), /Edited body/);

  await writeFile(join(site.content, 'media/logo.txt'), 'logo 2');
  await later(join(site.content, 'media/logo.txt'));
  await site.build();
  assert.equal(await readFile(join(site.dest, 'media/logo.txt'), 'utf8'), 'logo 2', 'media');

  const layout = join(site.theme, 'post.eta');
  await writeFile(layout, `<!-- edited -->\n${await readFile(layout, 'utf8')}`);
  await later(layout);
  assert.ok((await site.build()).rendered > 0, 'a template edited');
  assert.match(await readFile(page, 'utf8'), /<!-- edited -->/);

  await rm(page);
  assert.equal((await site.build()).rendered, 1, 'a page deleted from dest/ by hand');
  assert.match(await readFile(page, 'utf8'), /Edited body/);

  const drafts = await site.build('--drafts');
  assert.ok(drafts.rendered > 0, 'other flags: the fingerprint decides what is made again');
});

test('a linked post is followed: editing the file it points to is a change', async (t) => {
  const site = await siteWithTheme(t);
  const elsewhere = join(site.root, 'elsewhere');
  await mkdir(elsewhere);
  await writeFile(join(elsewhere, 'c.md'), post('C', '2020-01-04'));
  await symlink(join(elsewhere, 'c.md'), join(site.content, 'post/c.md'));
  await site.build();
  await writeFile(join(elsewhere, 'c.md'), post('C', '2020-01-04').replace('Body of C', 'Linked'));
  await later(join(elsewhere, 'c.md'));
  assert.ok((await site.build()).rendered > 0);
  assert.match(await readFile(join(site.dest, '2020/1/4/c.html'), 'utf8'), /Linked/);
});

test('a stamp holds only until the next scheduled post is due, and only for its place', async (t) => {
  const root = await tempDir(t);
  const place: BuildPlace = {
    contentDir: resolve(root, 'content'),
    themeDir: join(REPO, 'themes', 'default'),
    storeDir: resolve(root, 'store'),
    destDir: resolve(root, 'dest'),
    drafts: false,
    future: false,
    version: '1.0.0',
  };
  await mkdir(place.storeDir, { recursive: true });
  await mkdir(place.contentDir, { recursive: true });
  const inputs = buildInputs(place);
  const said = { pages: 3, leftOut: { drafts: 0, scheduled: 1 }, problems: [] };
  const destFiles = ['index.html'];
  writeStamp(place, inputs, said, { dueAt: 1000, destFiles });
  assert.deepEqual(stillBuilt(place, inputs, 999, destFiles), said);
  assert.equal(stillBuilt(place, inputs, 1000, destFiles), null, 'the scheduled post is due');
  const drafts = { ...place, drafts: true };
  assert.equal(stillBuilt(drafts, buildInputs(drafts), 0, destFiles), null, '--drafts');
  const newer = { ...place, version: '1.0.1' };
  assert.equal(stillBuilt(newer, buildInputs(newer), 0, destFiles), null, 'another pugo');
  assert.equal(stillBuilt(place, inputs, 0, []), null, 'dest/ lost a file');
  clearStamp(place.storeDir);
  assert.equal(stillBuilt(place, inputs, 0, destFiles), null, 'cleared when a build begins');
});

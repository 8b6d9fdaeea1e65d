// The build: every URL of the route table as a file, the same bytes the server sends, only changes written.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/build/build.js';
import { ROUTES } from '../../src/site/routes.js';
import { makeSite, open, post, REPO, serve } from '../helpers.js';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

function urlOf(file: string): string {
  const path = file === 'index.html' ? '/' : `/${file}`;
  return path.split('/').map(encodeURIComponent).join('/');
}

test('every file the build writes equals the body the server sends for that URL (sample site)', async (t) => {
  const site = await makeSite(t, {});
  const opened = await open(t, join(REPO, 'content'), site.store);
  await opened.sync();
  const result = await buildSite({
    site: opened.site,
    routes: ROUTES,
    staticRoots: opened.staticRoots,
    destDir: site.dest,
  });
  assert.ok(result.pages > 5);
  const running = await serve(t, opened);
  const files = await filesUnder(site.dest);
  assert.equal(files.length, result.files);
  for (const file of files) {
    const res = await fetch(running.url + urlOf(file));
    const expected = file === '404.html' ? 404 : 200;
    assert.equal(res.status, expected, file);
    if (file === '404.html') continue;
    const body = Buffer.from(await res.arrayBuffer());
    assert.ok(
      body.equals(await readFile(join(site.dest, file))),
      `${file} differs from the served bytes`,
    );
  }
});

test('a rebuild writes only what changed and removes only what it wrote before', async (t) => {
  const site = await makeSite(t, {
    'post/a.md': post('A', '2020-01-01', ['x']),
    'post/b.md': post('B', '2020-01-02', ['y']),
  });
  const opened = await open(t, site.content, site.store);
  const build = async () => {
    await opened.sync();
    return buildSite({
      site: opened.site,
      routes: ROUTES,
      staticRoots: opened.staticRoots,
      destDir: site.dest,
    });
  };
  const cold = await build();
  assert.equal(cold.written, cold.files);
  await writeFile(join(site.dest, 'CNAME'), 'example.test\n');
  const before = (await stat(join(site.dest, 'tags/x.html'))).mtimeMs;
  const again = await build();
  assert.equal(again.written, 0);
  assert.equal(again.deleted, 0);
  await writeFile(join(site.content, 'post/b.md'), post('B changed', '2020-01-02', ['y']));
  const one = await build();
  assert.ok(one.written > 0 && one.written < one.files, `wrote ${one.written} of ${one.files}`);
  assert.equal(
    (await stat(join(site.dest, 'tags/x.html'))).mtimeMs,
    before,
    'an unaffected page is not rewritten',
  );
  await rm(join(site.content, 'post/a.md'));
  const gone = await build();
  assert.ok(gone.deleted >= 2, 'the post and its tag page are removed');
  const files = await filesUnder(site.dest);
  assert.ok(!files.includes('2020/1/1/a.html'));
  assert.ok(!files.includes('tags/x.html'));
  assert.ok(files.includes('CNAME'), 'a file the build did not write is never touched');
  assert.ok(!files.some((f) => f.endsWith('.tmp')), 'no temporary file is left');
});

test('a deleted output file is written again even though the store remembers it', async (t) => {
  const site = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
  const opened = await open(t, site.content, site.store);
  await opened.sync();
  const run = () =>
    buildSite({
      site: opened.site,
      routes: ROUTES,
      staticRoots: opened.staticRoots,
      destDir: site.dest,
    });
  await run();
  await rm(join(site.dest, 'index.html'));
  assert.equal((await run()).written, 1);
});

test('an unchanged site is rebuilt when a scheduled post comes due', async (t) => {
  let now = Date.parse('2030-01-01T00:00:00Z');
  const site = await makeSite(t, {
    'post/old.md': post('Old', '2020-01-01'),
    'post/soon.md': post('Soon', '2030-01-02'),
  });
  const opened = await open(t, site.content, site.store, { now: () => now });
  const build = async () => {
    await opened.sync({ load: false });
    return buildSite({
      site: opened.site,
      routes: ROUTES,
      staticRoots: opened.staticRoots,
      destDir: site.dest,
    });
  };
  await build();
  assert.equal((await build()).written, 0);
  assert.ok(!existsSync(join(site.dest, '2030/1/2/soon.html')));
  now += 2 * 24 * 3600 * 1000;
  assert.ok((await build()).written > 0);
  assert.ok(existsSync(join(site.dest, '2030/1/2/soon.html')));
});

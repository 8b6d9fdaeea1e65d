// Builds that stop part-way (killed, or failed on one page): what they leave in dest/ is put
// right by the next build. Each test is named after the bug the crash drill found.

import assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildSite } from '../../src/build/build.js';
import type { OpenSite } from '../../src/compose.js';
import { ROUTES, type Route } from '../../src/site/routes.js';
import { META, makeSite, open, post } from '../helpers.js';

/** A route whose one page fails to render, listed last: the build stops after the others. */
const FAILING: Route = {
  name: 'failing',
  match: () => null,
  create: () => ({
    render: async () => {
      throw new Error('render failed');
    },
    reset: () => {},
  }),
  entries: () => [{ path: '/failing.html', params: {} }],
};

function build(opened: OpenSite, dest: string, routes: readonly Route[] = ROUTES) {
  return buildSite({ site: opened.site, routes, staticRoots: opened.staticRoots, destDir: dest });
}

/** Syncs and builds with a failing page, so the build stops after writing the rest. */
async function buildThatStops(opened: OpenSite, dest: string): Promise<void> {
  await opened.sync();
  await assert.rejects(build(opened, dest, [...ROUTES, FAILING]), /render failed/);
}

async function siteWithPostA(t: TestContext) {
  const site = await makeSite(t, { 'post/a.md': post('A', '2020-01-01', ['x']) });
  const opened = await open(t, site.content, site.store);
  await opened.sync();
  await build(opened, site.dest);
  return { site, opened };
}

test('temporary files of a build killed mid-write were left in dest/ forever', async (t) => {
  const { site, opened } = await siteWithPostA(t);
  const temps = ['index.html.pugo-0123456789ab.tmp', 'tags/x.html.0123456789ab.tmp'];
  const users = ['notes.tmp', 'draft.0123456789ab.txt'];
  for (const name of [...temps, ...users]) await writeFile(join(site.dest, name), 'x');
  const result = await build(opened, site.dest);
  assert.equal(result.written, 0, 'nothing else changed');
  const left = await readdir(site.dest, { recursive: true });
  for (const name of temps) assert.ok(!left.includes(name), `${name} is removed`);
  for (const name of users) assert.ok(left.includes(name), `${name}, a user's file, is kept`);
});

test('a stopped build whose change was undone left its pages in dest/ (the next build trusted it)', async (t) => {
  const { site, opened } = await siteWithPostA(t);
  const metaFile = join(site.content, 'meta.toml');
  await writeFile(metaFile, META.replace('Test site', 'Renamed site'));
  await opened.reload();
  await buildThatStops(opened, site.dest);
  assert.match(await readFile(join(site.dest, 'index.html'), 'utf8'), /Renamed site/);
  await writeFile(metaFile, META);
  await opened.reload();
  const result = await build(opened, site.dest);
  assert.ok(result.written > 0, 'the pages of the stopped build are written again');
  for (const file of ['index.html', '2020/1/1/a.html', 'tags/x.html']) {
    const html = await readFile(join(site.dest, file), 'utf8');
    assert.doesNotMatch(html, /Renamed site/, `${file} is back to the current title`);
  }
});

test('pages a stopped build wrote for posts deleted before the next build were never removed', async (t) => {
  const { site, opened } = await siteWithPostA(t);
  await writeFile(join(site.content, 'post/b.md'), post('B', '2020-01-02', ['y']));
  await buildThatStops(opened, site.dest);
  const written = await readdir(site.dest, { recursive: true });
  assert.ok(written.includes('2020/1/2/b.html'), 'the stopped build wrote the new post');
  await rm(join(site.content, 'post/b.md'));
  await opened.sync();
  await build(opened, site.dest);
  const left = await readdir(site.dest, { recursive: true });
  assert.ok(!left.includes('2020/1/2/b.html'), 'the deleted post’s page is removed');
  assert.ok(!left.includes('tags/y.html'), 'and its tag’s page');
});

test('a failed build went on writing dest/ after it had rejected', async (t) => {
  const posts = Object.fromEntries(
    Array.from({ length: 60 }, (_, i) => [`post/p${i}.md`, post(`P${i}`, '2020-01-01', [`t${i}`])]),
  );
  const site = await makeSite(t, posts);
  const opened = await open(t, site.content, site.store);
  await opened.sync();
  // The failing page comes first: most of the site is still to write when the build rejects.
  await assert.rejects(build(opened, site.dest, [FAILING, ...ROUTES]), /render failed/);
  const atReject = (await readdir(site.dest, { recursive: true })).length;
  await sleep(300);
  const later = (await readdir(site.dest, { recursive: true })).length;
  assert.equal(later, atReject, 'nothing is written once the build has said it stopped');
});

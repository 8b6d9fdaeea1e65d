// Content edge cases end to end: 10,000 posts in one folder, a 5 MB post, 500 tags on one post,
// tags differing only in case or Unicode normal form, slugs with CJK, spaces and emoji, two
// posts at the same moment, 1970 and 2100. Built, then every built file asked of the server.

import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { Agent } from 'node:http';
import { join, relative, sep } from 'node:path';
import { after, test } from 'node:test';
import { buildSite } from '../../src/build/build.js';
import { encodePath } from '../../src/render/urls.js';
import { ROUTES } from '../../src/site/routes.js';
import { makeSite, open, post, rawRequest, serve } from '../helpers.js';
import { area } from './area.js';

const { figures, counted } = area('content edge cases');

const agent = new Agent({ keepAlive: true, maxSockets: 8 });
after(() => agent.destroy());

function fetchBytes(base: string, path: string) {
  figures.requests++;
  return rawRequest(base, path, { agent });
}

const day = (i: number) => {
  const d = new Date(Date.UTC(2000, 0, 1) + i * 17 * 3600 * 1000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
};

/** The edge cases, by file name, beside `bulk` ordinary posts in the same folder. */
function edgeCases(bulk: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < bulk; i++)
    files[`post/p${String(i).padStart(5, '0')}.md`] = post(`Bulk ${i}`, day(i), [`t${i % 50}`]);
  const paragraph = `${'A sentence of the five-megabyte post, with *emphasis*. '.repeat(20)}\n\n`;
  files['post/huge.md'] = post('Huge', '2021-01-01', ['big']) + paragraph.repeat(4800);
  files['post/many-tags.md'] = post(
    'Many tags',
    '2021-01-02',
    Array.from({ length: 500 }, (_, i) => `tag-${i}`),
  );
  files['post/cafe-nfc.md'] = post('Cafe NFC', '2021-01-03', ['Caf\u00e9', 'GoLang']);
  files['post/cafe-nfd.md'] = post('Cafe NFD', '2021-01-04', ['Cafe\u0301', 'golang']);
  files['post/cjk.md'] = post('中文标题', '2021-01-05', ['中文'], 'slug = "中文 标题"\n');
  files['post/spaces.md'] = post('Spaces', '2021-01-06', ['a tag'], 'slug = "with spaces here"\n');
  files['post/emoji.md'] = post('Emoji 🎉', '2021-01-07', ['🎉'], 'slug = "party-🎉-time"\n');
  files['post/same-a.md'] = post('Same moment A', '2021-02-02 10:00:00', ['same']);
  files['post/same-b.md'] = post('Same moment B', '2021-02-02 10:00:00', ['same']);
  files['post/epoch.md'] = post('Epoch', '1970-01-01 00:00:00', ['old']);
  files['post/future.md'] = post('Future', '2100-01-01 00:00:00', ['new']);
  return files;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

/** The URL a built file answers at: index.html files at their folder, the rest as they are. */
function urlOf(file: string): string {
  return file === 'index.html' ? '/' : `/${file}`;
}

test(
  '10,000 posts and every edge case build, and the server answers every built file byte for byte',
  counted(async (t) => {
    const bulk = 10_000;
    const s = await makeSite(t, edgeCases(bulk));
    figures.inputs += bulk + 11;
    const opened = await open(t, s.content, s.store);
    const synced = await opened.sync();
    assert.deepEqual(synced.problems, [], 'no edge case is a problem');
    const snap = opened.site.snapshot();
    assert.equal(snap.posts.length, bulk + 10, 'all but the 2100 post, which is in the future');
    assert.ok(!snap.posts.some((p) => p.title === 'Future'));

    const built = await buildSite({
      site: opened.site,
      routes: ROUTES,
      staticRoots: opened.staticRoots,
      destDir: s.dest,
    });
    assert.ok(built.pages > bulk, `${built.pages} pages`);
    const running = await serve(t, opened, 10, 256 << 20);
    const files = await filesUnder(s.dest);
    let next = 0;
    const mismatches: string[] = [];
    const lane = async () => {
      while (next < files.length) {
        const file = files[next++];
        const answer = await fetchBytes(running.url, encodePath(urlOf(file)));
        const bytes = await readFile(join(s.dest, file));
        // 404.html is the page a static host shows for a missing URL; pugo answers it with 404.
        const status = file === '404.html' ? 404 : 200;
        if (answer.status !== status || !answer.body.equals(bytes))
          mismatches.push(`${file}: ${answer.status}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, lane));
    assert.equal(mismatches.length, 0, `files differ: ${mismatches.slice(0, 10).join(', ')}`);
  }),
);

test(
  'tags differing in case or normal form are one tag; CJK, space and emoji slugs link and answer',
  counted(async (t) => {
    const s = await makeSite(t, edgeCases(0));
    figures.inputs += 11;
    const opened = await open(t, s.content, s.store, { future: true });
    await opened.sync();
    const snap = opened.site.snapshot();
    const cafe = [...snap.tags.values()].filter((g) => g.key.normalize('NFC') === 'café');
    assert.equal(cafe.length, 1, 'Café (NFC) and Café (NFD) are one tag');
    assert.equal(cafe[0].posts.length, 2);
    assert.equal(snap.tags.get('golang')?.posts.length, 2, 'GoLang and golang are one tag');
    assert.equal(snap.posts.find((p) => p.title === 'Many tags')?.tags.length, 500);

    const running = await serve(t, opened);
    for (const slug of ['中文 标题', 'with spaces here', 'party-🎉-time']) {
      const path = snap.posts.find((p) => p.path.includes(slug))?.path;
      assert.ok(path, `a post at ${slug}`);
      const archive = (await fetchBytes(running.url, '/archive.html')).body.toString();
      const href = encodePath(path);
      assert.ok(archive.includes(`href="${href}"`), `the archive links ${href}`);
      const answer = await fetchBytes(running.url, href);
      assert.equal(answer.status, 200, href);
    }
    for (const tag of ['中文', 'a tag', '🎉', 'Café', 'Cafe\u0301', 'GOLANG']) {
      const answer = await fetchBytes(running.url, encodePath(`/tags/${tag}.html`));
      assert.equal(answer.status, 200, `/tags/${tag}.html`);
    }

    const same = snap.posts.filter((p) => p.title.startsWith('Same moment'));
    assert.equal(same.length, 2, 'two posts at one moment are both shown');
    const epoch = snap.posts.find((p) => p.title === 'Epoch');
    assert.equal(epoch?.date, '1970-01-01T00:00:00.000Z');
    assert.equal((await fetchBytes(running.url, encodePath(epoch.path))).status, 200);
    assert.equal(snap.posts[0].title, 'Future', 'with --future the 2100 post is the newest');
    assert.equal(snap.posts.at(-1)?.title, 'Epoch', 'and the 1970 one the oldest');
  }),
);

// What real Pugo sites contain, end to end: each fixture site of test/fixtures/sites syncs and serves
// every post a reader of that site would expect, with warnings for the values pugo had to guess.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ContentProblem } from '../../src/types.js';
import { openLogged, serve, tempDir } from '../helpers.js';

const SITES = fileURLToPath(new URL('../../../test/fixtures/sites/', import.meta.url));

async function served(t: Parameters<typeof tempDir>[0], name: string) {
  const { opened } = await openLogged(t, SITES + name, `${await tempDir(t)}/store`);
  const synced = await opened.sync();
  const running = await serve(t, opened);
  const get = async (path: string) => {
    const res = await fetch(running.url + path);
    return { status: res.status, text: await res.text() };
  };
  return { opened, synced, get };
}

const found = (problems: ContentProblem[]) =>
  problems.map((p) => [p.severity, p.code, p.file, p.line]);

test('a site saved on Windows (CRLF, comments at line ends, a BOM) builds every post', async (t) => {
  const { opened, synced, get } = await served(t, 'windows-crlf');
  assert.deepEqual(synced.problems, []);
  assert.equal(opened.config.meta.title, 'Windows Blog');
  assert.equal(opened.config.meta.subtitle, 'saved with CRLF');
  const home = await get('/');
  assert.match(home.text, /Hello from Windows/);
  const page = await get('/2016/3/4/hello.html');
  assert.equal(page.status, 200);
  assert.match(page.text, /A post saved on Windows/);
});

test('authors in another case or unknown, and bad fields, are warnings: every titled post is built', async (t) => {
  const { synced, get } = await served(t, 'loose-authors');
  assert.deepEqual(found(synced.problems), [
    ['warning', 'PUGO_CONFIG_INVALID', 'lang/zh.toml', 3],
    ['warning', 'PUGO_DATE_INVALID', 'post/bad-fields.md', 3],
    ['warning', 'PUGO_FIELD_INVALID', 'post/bad-fields.md', 4],
    ['warning', 'PUGO_UNKNOWN_AUTHOR', 'post/guest.md', 4],
    ['error', 'PUGO_FIELD_INVALID', 'post/untitled.md', 1],
  ]);
  const untitled = synced.problems.find((p) => p.file === 'post/untitled.md');
  assert.equal(untitled?.kept, false, 'a first build has no last good version to keep');
  const home = await get('/');
  for (const title of ['Written by alice', 'Written by a guest', 'Bad fields']) {
    assert.match(home.text, new RegExp(title), `${title} is listed`);
  }
  const lower = await get('/2016/1/1/lower.html');
  assert.match(lower.text, /Alice L\./, "matched to meta.toml's Alice, shown by her nick");
  const guest = await get('/2016/1/2/guest.html');
  assert.match(guest.text, /class="author">.*Bob/s, 'an unknown author is shown as written');
  assert.equal((await get('/tags/web.html')).status, 200, 'tags written as a string are read');
});

test('a broken lang file falls back to the theme strings, never to raw keys', async (t) => {
  const { get } = await served(t, 'loose-authors');
  const home = await get('/');
  assert.doesNotMatch(home.text, />\s*nav\.\w+\s*</, 'no raw nav.* key shows');
});

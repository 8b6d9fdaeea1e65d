// A rebuild after an edit makes only the pages that show what changed, and leaves dest/ as a
// full build of the same content would.

import assert from 'node:assert/strict';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { buildSite } from '../../src/build/build.js';
import { listFiles, posixRelative } from '../../src/build/dest.js';
import type { OpenSite } from '../../src/compose.js';
import { SHARDS } from '../../src/search/index-files.js';
import { ROUTES } from '../../src/site/routes.js';
import { makeSite, open, post, REPO, tempDir } from '../helpers.js';

const POSTS = {
  'post/a.md': post('A', '2020-01-01', ['x']),
  'post/b.md': post('B', '2020-01-02', ['x', 'y']),
  'post/c.md': post('C', '2020-01-03', ['y']),
  'post/d.md': post('D', '2020-01-04', ['z']),
  'post/e.md': post('E', '2020-01-05', ['z']),
  'post/f.md': post('F', '2020-01-06', ['z']),
};

/** The static search index: docs.json and the term files. */
const SEARCH_FILES = 1 + SHARDS;

/** The term files of the static index whose bytes differ between two builds. */
function termFilesChanged(before: Map<string, string>, after: Map<string, string>): number {
  const terms = [...after.keys()].filter((file) => file.startsWith('search/terms/'));
  assert.equal(terms.length, SHARDS);
  return terms.filter((file) => before.get(file) !== after.get(file)).length;
}

const build = (opened: OpenSite, destDir: string) =>
  buildSite({ site: opened.site, routes: ROUTES, staticRoots: opened.staticRoots, destDir });

/** Every file under dest/ with its bytes. */
async function contents(dest: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const abs of listFiles(dest))
    files.set(posixRelative(dest, abs), await readFile(abs, 'utf8'));
  return files;
}

/** What a fresh store and an empty dest/ make of the same content: the answer to compare with. */
async function fullBuild(t: TestContext, content: string): Promise<Map<string, string>> {
  const root = await tempDir(t);
  const opened = await open(t, content, join(root, 'store'));
  await opened.sync({ load: false });
  await build(opened, join(root, 'dest'));
  return contents(join(root, 'dest'));
}

async function builtSite(t: TestContext, themeDir?: string) {
  const site = await makeSite(t, POSTS);
  const opened = await open(t, site.content, site.store, { themeDir });
  const rebuild = async () => {
    await opened.sync({ load: false });
    return build(opened, site.dest);
  };
  const cold = await rebuild();
  assert.equal(cold.rendered, cold.pages);
  return { ...site, opened, rebuild, cold };
}

test('a body edited past its summary makes its own page, the feeds and the term files of its new words', async (t) => {
  const { content, dest, rebuild } = await builtSite(t);
  const before = await contents(dest);
  const edited = post('D', '2020-01-04', ['z']).replace('More of D.', 'More of Dee.');
  await writeFile(join(content, 'post/d.md'), edited);
  const again = await rebuild();
  const after = await contents(dest);
  // The word count is the same: lists, tag pages and neighbours show nothing new. Of the search
  // index, docs.json and the one term file holding 'dee' (kept-index.ts).
  assert.equal(termFilesChanged(before, after), 1);
  assert.equal(again.rendered, 4 + 2, 'd.html, the three feeds, docs.json and one term file');
  assert.match(await readFile(join(dest, '2020/1/4/d.html'), 'utf8'), /More of Dee\./);
  assert.deepEqual(after, await fullBuild(t, content));
});

test('a summary edited: the list showing it shows the new one, the summaries beside it are kept', async (t) => {
  const { content, dest, rebuild } = await builtSite(t);
  const home = await readFile(join(dest, 'index.html'), 'utf8');
  assert.match(home, /Body of F\./, 'the home page shows each summary');
  assert.doesNotMatch(home, /More of F\./, 'and nothing past its <!--more-->');
  const edited = post('E', '2020-01-05', ['z']).replace('Body of E.', 'Body of Eve.');
  await writeFile(join(content, 'post/e.md'), edited);
  await rebuild();
  const built = await contents(dest);
  assert.match(built.get('index.html') ?? '', /Body of Eve\./);
  assert.match(built.get('index.html') ?? '', /Body of F\./, 'the summaries beside it are kept');
  assert.deepEqual(built, await fullBuild(t, content));
});

test('edits one after another keep the term files what a full build makes', async (t) => {
  const { content, dest, rebuild } = await builtSite(t);
  const bodies = ['More of Dee and pprof.', 'More of pprof.', 'Nothing more.', 'More of D.'];
  for (const body of bodies) {
    const before = await contents(dest);
    await writeFile(
      join(content, 'post/d.md'),
      post('D', '2020-01-04', ['z']).replace('More of D.', body),
    );
    const again = await rebuild();
    const after = await contents(dest);
    const terms = termFilesChanged(before, after);
    assert.ok(terms >= 1 && terms < SHARDS, `${body}: ${terms} term files changed`);
    assert.ok(again.rendered <= 4 + 1 + terms + 4, `${body}: ${again.rendered} rendered`);
    assert.deepEqual(after, await fullBuild(t, content), body);
  }
});

test('more words in a body past its summary: lists change only for a theme that shows the count', async (t) => {
  const longer = post('D', '2020-01-04', ['z']).replace('More of D.', 'More of D, and then some.');
  const plain = await builtSite(t);
  const before = await contents(plain.dest);
  await writeFile(join(plain.content, 'post/d.md'), longer);
  const rendered = (await plain.rebuild()).rendered;
  const terms = termFilesChanged(before, await contents(plain.dest));
  assert.equal(rendered, 4 + 1 + terms, 'the default theme names no wordCount');

  const theme = join(await tempDir(t), 'counting');
  await cp(join(REPO, 'themes', 'default'), theme, { recursive: true });
  const index = join(theme, 'index.eta');
  const card = '<h2 class="card-title">';
  const source = await readFile(index, 'utf8');
  assert.ok(source.includes(card));
  await writeFile(index, source.replace(card, `<%= post.wordCount %> words ${card}`));
  const counting = await builtSite(t, theme);
  await writeFile(join(counting.content, 'post/d.md'), longer);
  const again = await counting.rebuild();
  assert.ok(
    again.rendered > 4 + 1 + terms,
    `the list pages show the count too (${again.rendered})`,
  );
  assert.match(await readFile(join(counting.dest, 'index.html'), 'utf8'), /\d+ words/);
});

test('a new title makes the pages that show it, and dest/ is what a full build makes', async (t) => {
  const { content, dest, rebuild, cold } = await builtSite(t);
  const before = await contents(dest);
  await writeFile(join(content, 'post/a.md'), post('A retitled', '2020-01-01', ['x']));
  const again = await rebuild();
  const built = await contents(dest);
  // The search index: docs.json, and the term file of 'retitled' ('a' is too short a word).
  assert.equal(termFilesChanged(before, built), 1);
  const pages = again.rendered - 2;
  const coldPages = cold.pages - SEARCH_FILES;
  assert.ok(pages > 1 && pages < coldPages / 2, `${pages} pages rendered`);
  assert.match(built.get('tags/x.html') ?? '', /A retitled/);
  assert.match(built.get('2020/1/2/b.html') ?? '', /A retitled/, 'its newer neighbour links it');
  assert.doesNotMatch(built.get('index.html') ?? '', /A retitled/, 'the home page shows F and E');
  assert.deepEqual(built, await fullBuild(t, content));
});

test('posts added, deleted and retagged: dest/ is what a full build makes', async (t) => {
  const { content, dest, rebuild } = await builtSite(t);
  await writeFile(join(content, 'post/g.md'), post('G', '2020-01-07', ['x', 'new']));
  await rm(join(content, 'post/c.md'));
  await writeFile(join(content, 'post/b.md'), post('B', '2020-01-02', ['x']));
  const again = await rebuild();
  assert.equal(again.deleted, 2, 'c.html, and the page of tag y, which no post has now');
  assert.deepEqual(await contents(dest), await fullBuild(t, content));
});

test('a store a server synced since the last build: the build still makes what changed', async (t) => {
  const { content, dest, opened, rebuild } = await builtSite(t);
  await writeFile(join(content, 'post/b.md'), post('B by the server', '2020-01-02', ['x', 'y']));
  // `pugo serve` on the same store syncs the edit first: this build's own sync finds nothing new.
  await opened.sync();
  const again = await rebuild();
  assert.ok(again.rendered > 0);
  assert.match(await readFile(join(dest, '2020/1/2/b.html'), 'utf8'), /B by the server/);
  assert.deepEqual(await contents(dest), await fullBuild(t, content));
});

test('new settings make every page again', async (t) => {
  const { content, dest, opened, cold } = await builtSite(t);
  const meta = await readFile(join(content, 'meta.toml'), 'utf8');
  await writeFile(join(content, 'meta.toml'), meta.replace(/title = "[^"]*"/, 'title = "New"'));
  await opened.reload();
  const again = await build(opened, dest);
  assert.equal(again.rendered, cold.pages);
  const page = await readFile(join(dest, '2020/1/1/a.html'), 'utf8');
  assert.match(page, /<title>A - New<\/title>/);
});

test('a post with code, its prose edited: the code as a full build highlights it', async (t) => {
  const { content, dest, rebuild } = await builtSite(t);
  const fence = '```js\nconst pool = new Map(); // <kept> & "reused"\n```\n';
  const withCode = (prose: string) =>
    post('D', '2020-01-04', ['z']).replace('More of D.', `${prose}\n\n${fence}`);
  await writeFile(join(content, 'post/d.md'), withCode('First words.'));
  await rebuild();
  await writeFile(join(content, 'post/d.md'), withCode('Other words.'));
  await rebuild();
  const built = await contents(dest);
  assert.match(built.get('2020/1/4/d.html') ?? '', /hljs-keyword">const<\/span>/);
  assert.deepEqual(built, await fullBuild(t, content));
});

test('edits past the first few hundred posts, where the kept index and values are in several chunks, match a full build', async (t) => {
  // 300 posts: the kept search index's documents fill two chunks (kept-index.ts), and the
  // dependency values spread over every bucket (kept-values.ts).
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i++) {
    const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    files[`post/p${i}.md`] = post(`P${i}`, day, [`t${i % 7}`]);
  }
  const site = await makeSite(t, files);
  const opened = await open(t, site.content, site.store);
  const rebuild = async () => {
    await opened.sync({ load: false });
    return build(opened, site.dest);
  };
  await rebuild();
  // The oldest posts are the last documents (newest first): p3 is in the second chunk.
  for (const [name, body] of [
    ['p3', 'More of P3, with pprof.'],
    ['p290', 'More of P290 and heaps.'],
  ]) {
    const edited = post(
      name.toUpperCase(),
      files[`post/${name}.md`].match(/date = "(.*)"/)?.[1] ?? '',
      [`t${Number(name.slice(1)) % 7}`],
    ).replace(`More of ${name.toUpperCase()}.`, body);
    await writeFile(join(site.content, `post/${name}.md`), edited);
    const again = await rebuild();
    assert.ok(again.rendered < 20, `${name}: ${again.rendered} rendered`);
    assert.deepEqual(await contents(site.dest), await fullBuild(t, site.content), name);
  }
});

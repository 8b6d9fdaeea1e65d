// URLs and files exactly as Pugo 0.10 wrote them: /posts/1.html, whole tag pages, node pages,
// media notes, meta.ini, and link formats a meta.toml site sets itself.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { buildSite } from '../../src/build/build.js';
import { ROUTES } from '../../src/site/routes.js';
import { META, makeSite, open, post, serve, writeFiles } from '../helpers.js';

/** Five posts tagged Go (post_pagesize is 2 in META), a page, and the site built. */
async function built(t: TestContext, files: Record<string, string> = {}, meta = META) {
  const posts = Object.fromEntries(
    [1, 2, 3, 4, 5].map((i) => [`post/p${i}.md`, post(`P${i}`, `2020-01-0${i}`, ['Go'])]),
  );
  const site = await makeSite(t, { ...posts, ...files }, meta);
  const opened = await open(t, site.content, site.store);
  const synced = await opened.sync();
  assert.deepEqual(synced.problems, []);
  await buildSite({
    site: opened.site,
    routes: ROUTES,
    staticRoots: opened.staticRoots,
    destDir: site.dest,
  });
  const read = (file: string) => readFile(join(site.dest, file), 'utf8');
  const count = async (file: string, mark: string) => (await read(file)).split(mark).length - 1;
  const cards = (file: string) => count(file, '<article class="card">');
  /** Posts listed by date and title, as the archive and a tag page of every post list them. */
  const lines = (file: string) => count(file, '<li class="archive-item">');
  return {
    site,
    opened,
    read,
    cards,
    lines,
    has: (file: string) => existsSync(join(site.dest, file)),
  };
}

test('list page 1 is written at /posts/1.html as well as at /', async (t) => {
  const { has, cards } = await built(t);
  assert.ok(has('index.html') && has('posts/1.html') && has('posts/3.html'));
  assert.equal(await cards('posts/1.html'), 2);
  assert.equal(await cards('index.html'), 2);
  assert.equal(has('posts/4.html'), false);
});

test('a tag page lists every post with the tag, unless [build] tag_pagesize pages it', async (t) => {
  const whole = await built(t);
  // Every post, a line each (date and title): a card each would weigh megabytes on a large site.
  assert.equal(await whole.lines('tags/Go.html'), 5);
  assert.equal(await whole.cards('tags/Go.html'), 0);
  assert.equal(whole.has('tags/Go/2.html'), false);
  const running = await serve(t, whole.opened);
  assert.equal((await fetch(`${running.url}/tags/Go/2.html`)).status, 404);

  const paged = await built(t, {}, `${META}tag_pagesize = 2\n`);
  assert.equal(await paged.cards('tags/Go.html'), 2);
  assert.equal(await paged.lines('tags/Go.html'), 0);
  for (const file of ['tags/Go/1.html', 'tags/Go/2.html', 'tags/Go/3.html']) {
    assert.ok(paged.has(file), file);
  }
  assert.equal(await paged.cards('tags/Go/3.html'), 1);
  assert.equal(paged.has('tags/Go/4.html'), false);
});

test('a node page writes no file and is not served; notes in media/ are not copied', async (t) => {
  const node = '```toml\ntitle = "Docs"\nnode = true\n```\n\nnot read\n';
  const { has, read, opened } = await built(t, {
    'page/docs.md': node,
    'page/about.md': '```toml\ntitle = "About"\n```\n\nAbout.\n',
    'media/a.gif': 'gif',
    'media/notes.md': '# notes for the author',
  });
  assert.equal(has('docs.html'), false);
  assert.ok(has('about.html'));
  assert.ok(has('media/a.gif'));
  assert.equal(has('media/notes.md'), false);
  assert.doesNotMatch(await read('sitemap.xml'), /docs/);
  const running = await serve(t, opened);
  assert.equal((await fetch(`${running.url}/docs.html`)).status, 404);
  assert.equal((await fetch(`${running.url}/media/notes.md`)).status, 404);
  assert.equal((await fetch(`${running.url}/media/a.gif`)).status, 200);
});

test('nav links that name a page are written as its real URL, for plain static servers', async (t) => {
  const meta = `${META}\n[[nav]]\nlink = "/archive"\ntitle = "A"\n\n[[nav]]\nlink = "/about"\ntitle = "B"\n\n[[nav]]\nlink = "/elsewhere"\ntitle = "C"\n`;
  const { read } = await built(
    t,
    { 'page/about.md': '```toml\ntitle = "About"\n```\n\nx\n' },
    meta,
  );
  const home = await read('index.html');
  assert.match(home, /href="\/archive\.html"/);
  assert.match(home, /href="\/about\.html"/);
  assert.match(home, /href="\/elsewhere"/, 'a link to no page pugo makes is left as written');
});

test('a meta.toml site sets its own link formats, and the server answers them', async (t) => {
  const meta = `${META}post_link_format = "/{{.Date.Year}}/{{.Date.Month}}/{{.Slug}}/"\ntag_link_format = "/topic/{{.Tag}}/"\narchive_link = "/all/"\n`;
  const { has, opened } = await built(t, {}, meta);
  assert.ok(has('2020/01/p1/index.html'));
  assert.ok(has('topic/Go/index.html'));
  assert.ok(has('all/index.html'));
  assert.equal(has('archive.html'), false);
  const running = await serve(t, opened);
  for (const path of ['/2020/01/p1/', '/2020/01/p1', '/topic/Go/', '/all/']) {
    assert.equal((await fetch(running.url + path)).status, 200, path);
  }
});

test('a bad link format is a config error naming the key', async (t) => {
  const site = await makeSite(t, {}, `${META}post_link_format = "/{{.Date.Year}}/{{.Nope}}/"\n`);
  await assert.rejects(open(t, site.content, site.store), { code: 'PUGO_CONFIG_INVALID' });
});

test("meta.ini, Pugo 0.10's older settings file, is read when there is no meta.toml", async (t) => {
  const ini = `[meta]\ntitle = "Ini site"\nroot = "http://example.test/blog"\n\n[nav]\nhome = "home"\ngone = "gone"\n\n[nav.home]\nlink = "/"\ntitle = "Home"\nblank = true\n\n[author]\nann = "ann"\n\n[author.ann]\nname = "ann"\nurl = "http://ann.test"\n\n[comment]\ndisqus = "ann-blog"\n`;
  const site = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') }, '');
  const { rm, writeFile } = await import('node:fs/promises');
  await rm(join(site.content, 'meta.toml'));
  await writeFile(join(site.content, 'meta.ini'), ini);
  const opened = await open(t, site.content, site.store);
  const { config } = opened;
  assert.equal(config.layout.configFile, 'meta.ini');
  assert.equal(config.meta.title, 'Ini site');
  assert.equal(config.meta.base, '/blog');
  assert.deepEqual(
    config.nav.map((n) => [n.link, n.title, n.blank]),
    [['/', 'Home', true]],
  );
  assert.equal(config.authors[0].url, 'http://ann.test');
  assert.equal(config.comment.disqus, 'ann-blog');
  assert.deepEqual((await opened.sync()).problems, []);
  assert.equal(opened.site.snapshot().posts.length, 1);
});

test('a page added while serving turns the nav link naming it into its URL on every page', async (t) => {
  const meta = `${META}\n[[nav]]\nlink = "/about"\ntitle = "About"\n`;
  const { site, opened } = await built(t, {}, meta);
  const running = await serve(t, opened);
  const home = async () => (await fetch(`${running.url}/`)).text();
  assert.match(await home(), /href="\/about"/);
  await writeFiles(site.content, { 'page/about.md': '```toml\ntitle = "About"\n```\n\nx\n' });
  await opened.sync();
  assert.match(await home(), /href="\/about\.html"/);
});

// Watch mode beyond posts: meta.toml, lang files and theme templates are read again while
// serving, posts are added, renamed and deleted, and a bad edit leaves the site as it was.

import assert from 'node:assert/strict';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { test } from 'node:test';
import { actionFor } from '../../src/compose/watch-site.js';
import { META, makeSite, post, REPO, type ServeProcess, spawnServe } from '../helpers.js';

/** Polls `url` until its body matches `pattern` (or its status is `status`), for up to 3 s. */
async function eventually(url: string, check: (status: number, body: string) => boolean) {
  const until = Date.now() + 3000;
  let last = '';
  while (Date.now() < until) {
    const res = await fetch(url);
    last = await res.text();
    if (check(res.status, last)) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  assert.fail(`${url} did not change within 3 s; last body:\n${last.slice(0, 400)}`);
}

/** Waits until the server's stderr matches `pattern`, for up to 3 s. */
async function logged(served: ServeProcess, pattern: RegExp) {
  const until = Date.now() + 3000;
  while (!pattern.test(served.stderr()) && Date.now() < until)
    await new Promise((ok) => setTimeout(ok, 50));
  assert.match(served.stderr(), pattern);
}

/** Saves as many editors do: the new text into a temp file beside it, renamed over the file. */
async function saveByRename(file: string, text: string, n: number) {
  const temp = `${file}.${n}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}

const shows = (pattern: RegExp) => (status: number, body: string) =>
  status === 200 && pattern.test(body);

test('which changes need settings read again, a sync, or only a reload', () => {
  const content = `${sep}site${sep}content`;
  const theme = `${sep}site${sep}theme`;
  const at = (...parts: string[]) => new Set([parts.join(sep)]);
  assert.equal(actionFor(at(content, 'meta.toml'), content, theme), 'reload-settings');
  assert.equal(actionFor(at(content, 'lang', 'en.toml'), content, theme), 'reload-settings');
  assert.equal(actionFor(at(content, 'config.toml'), content, theme), 'reload-settings');
  assert.equal(actionFor(at(content, 'meta.ini'), content, theme), 'reload-settings');
  assert.equal(actionFor(at(theme, 'post.eta'), content, theme), 'reload-settings');
  assert.equal(actionFor(at(theme, 'static', 'css', 'a.css'), content, theme), 'reload-pages');
  assert.equal(actionFor(at(content, 'post', 'a.md'), content, theme), 'sync');
  assert.equal(actionFor(new Set(), content, theme), 'reload-settings');
  assert.equal(actionFor(at(content, 'meta.ini'), content, theme), 'reload-settings');
  assert.equal(actionFor(at(content, 'meta.toml.1.tmp'), content, theme), 'none');
  assert.equal(actionFor(at(content, 'media', 'a.png'), content, theme), 'reload-pages');
  const both = new Set([join(content, 'post', 'a.md'), join(content, 'meta.toml')]);
  assert.equal(actionFor(both, content, theme), 'reload-settings');
});

test('a template edit, a meta.toml edit and a lang file edit show without a restart', async (t) => {
  const s = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
  const theme = join(s.root, 'theme');
  await cp(join(REPO, 'themes', 'default'), theme, { recursive: true });
  const { url } = await spawnServe(t, s, ['--theme', theme]);
  const postUrl = `${url}/2020/1/1/a.html`;
  assert.match(await (await fetch(postUrl)).text(), /<title>A - Test site<\/title>/);

  const template = join(theme, 'post.eta');
  const original = await readFile(template, 'utf8');
  await writeFile(
    template,
    original.replace('<article class="post">', '<article class="post edited">'),
  );
  await eventually(postUrl, shows(/class="post edited"/));

  await writeFile(join(s.content, 'meta.toml'), META.replace('Test site', 'Renamed site'));
  await eventually(postUrl, shows(/<title>A - Renamed site<\/title>/));
  await eventually(`${url}/`, shows(/Renamed site/));

  await mkdir(join(s.content, 'lang'));
  await writeFile(
    join(s.content, 'lang', 'en.toml'),
    '[post]\nnewer = "Later"\nolder = "Sooner"\n',
  );
  await writeFile(join(s.content, 'post/b.md'), post('B', '2020-01-02'));
  await eventually(postUrl, shows(/Later/));
});

test('posts added, renamed and deleted while serving', async (t) => {
  const s = await makeSite(t, {
    'post/a.md': post('A', '2020-01-01'),
    'post/b.md': post('B', '2020-01-02'),
  });
  const { url } = await spawnServe(t, s);
  assert.equal((await fetch(`${url}/2020/1/3/c.html`)).status, 404);

  await writeFile(join(s.content, 'post/c.md'), post('C', '2020-01-03'));
  await eventually(`${url}/2020/1/3/c.html`, shows(/C/));
  await eventually(`${url}/`, shows(/2020\/1\/3\/c\.html/));

  await rename(join(s.content, 'post/c.md'), join(s.content, 'post/renamed.md'));
  await eventually(`${url}/2020/1/3/renamed.html`, shows(/C/));
  await eventually(`${url}/2020/1/3/c.html`, (status) => status === 404);

  await rm(join(s.content, 'post/b.md'));
  await eventually(`${url}/2020/1/2/b.html`, (status) => status === 404);
  await eventually(`${url}/feed.xml`, (status, body) => status === 200 && !/B<\/title>/.test(body));
});

test('a broken meta.toml is reported and the site is served as it was', async (t) => {
  const s = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
  const served = await spawnServe(t, s);
  await writeFile(join(s.content, 'meta.toml'), `${META}\n[meta\ntitle = "oops"\n`);
  const until = Date.now() + 3000;
  while (!/meta\.toml/.test(served.stderr()) && Date.now() < until)
    await new Promise((ok) => setTimeout(ok, 50));
  assert.match(served.stderr(), /error: .*meta\.toml:13: .*served as it was/);
  const page = await fetch(`${served.url}/2020/1/1/a.html`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Test site/);
});

// Regression: fs.watch on meta.toml followed the old inode, so after one rename-save every later
// edit of meta.toml and of the lang files went unseen until a restart.
test('five rename-saves in a row of meta.toml, a lang file and a post each show', async (t) => {
  const s = await makeSite(t, {
    'post/a.md': post('A', '2020-01-01'),
    'post/b.md': post('B', '2020-01-02'),
    'lang/en.toml': '[post]\nnewer = "Newer0"\n',
  });
  const served = await spawnServe(t, s);
  const postUrl = `${served.url}/2020/1/1/a.html`;
  for (let i = 1; i <= 5; i++) {
    await saveByRename(join(s.content, 'meta.toml'), META.replace('Test site', `Site ${i}`), i);
    await eventually(postUrl, shows(new RegExp(`<title>A - Site ${i}</title>`)));
  }
  for (let i = 1; i <= 5; i++) {
    await saveByRename(join(s.content, 'lang', 'en.toml'), `[post]\nnewer = "Newer${i}"\n`, i);
    await eventually(postUrl, shows(new RegExp(`Newer${i}`)));
  }
  for (let i = 1; i <= 5; i++) {
    await saveByRename(join(s.content, 'post', 'a.md'), post(`A${i}`, '2020-01-01'), i);
    await eventually(postUrl, shows(new RegExp(`<title>A${i} - Site 5</title>`)));
  }
  // The temp files came and went within each burst: the log names only the saved files.
  assert.doesNotMatch(served.stderr(), /\.tmp/);
});

test('watch log lines name the files that changed, and a broken edit its problem', async (t) => {
  const s = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
  const served = await spawnServe(t, s);
  await writeFile(join(s.content, 'post/a.md'), post('A2', '2020-01-01'));
  await logged(served, /changed \S*post\/a\.md: synced in \d+ ms; reloading open pages/);
  await writeFile(join(s.content, 'meta.toml'), META.replace('Test site', 'Other'));
  await logged(served, /changed \S*content\/meta\.toml: settings and theme read again in \d+ ms/);
  await writeFile(join(s.content, 'post/a.md'), '```toml\ntitle = \n```\n');
  await logged(served, /post\/a\.md:2: .*\[PUGO_FRONT_MATTER_INVALID\]/);
  await logged(
    served,
    /changed \S*post\/a\.md: synced in \d+ ms, nothing changed, 1 error \(above\)/,
  );
  // A bad field value is a warning: the post is built, and the line says so.
  await writeFile(join(s.content, 'post/a.md'), post('A3', '14/10/2015'));
  await logged(served, /warning: \S*post\/a\.md:3: .*\[PUGO_DATE_INVALID\]/);
  await logged(served, /changed \S*post\/a\.md: synced in \d+ ms, 1 warning \(above\); reloading/);
});

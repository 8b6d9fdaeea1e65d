// The tags index and the 404 page that helps: every tag with its count at /tags.html (served
// and built), a page of the site's own at that path kept, and the posts nearest a missing path.
import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/build/build.js';
import { tagsIndexPath } from '../../src/render/urls.js';
import { editDistance } from '../../src/site/nearest.js';
import { ROUTES } from '../../src/site/routes.js';
import { makeSite, open, post, serve } from '../helpers.js';

const FILES = {
  'post/hello-world.md': post('Hello world', '2015-10-04 22:58:13', ['Go', '中文']),
  'post/memory-leak-in-go.md': post('Memory leak', '2015-10-05', ['go', 'pprof']),
  'post/three.md': post('Three', '2015-10-06', ['Go']),
};

test('/tags.html lists every tag with its post count, most used first, served and built', async (t) => {
  const s = await makeSite(t, FILES);
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  const { url } = await serve(t, opened);
  const res = await fetch(`${url}/tags.html`);
  assert.equal(res.status, 200);
  const html = await res.text();
  const rows = [
    ...html.matchAll(
      /<a class="tag" href="([^"]+)" rel="tag">([^<]+)<\/a> <span class="count">(\d+)/g,
    ),
  ];
  assert.deepEqual(
    rows.map((m) => [m[1], m[2], Number(m[3])]),
    [
      ['/tags/Go.html', 'Go', 3],
      ['/tags/pprof.html', 'pprof', 1],
      ['/tags/%E4%B8%AD%E6%96%87.html', '中文', 1],
    ],
  );
  assert.match(
    await (await fetch(`${url}/archive.html`)).text(),
    /<a href="\/tags.html">All tags<\/a>/,
  );
  assert.match(
    await (await fetch(`${url}/sitemap.xml`)).text(),
    /<loc>http:\/\/example.test\/tags.html<\/loc>/,
  );
  const { site, staticRoots } = opened;
  await buildSite({ site, routes: ROUTES, staticRoots, destDir: s.dest });
  assert.equal(await readFile(join(s.dest, 'tags.html'), 'utf8'), html);
});

test("a page of the site's own at /tags.html keeps its URL: the index is not made", async (t) => {
  const s = await makeSite(t, {
    ...FILES,
    'page/tags.md': '```toml\ntitle = "My tags"\n```\n\nHand-made.\n',
  });
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  const { url } = await serve(t, opened);
  assert.match(await (await fetch(`${url}/tags.html`)).text(), /Hand-made/);
  const { site, staticRoots } = opened;
  await buildSite({ site, routes: ROUTES, staticRoots, destDir: s.dest });
  assert.match(await readFile(join(s.dest, 'tags.html'), 'utf8'), /Hand-made/);
});

test('the tags index sits beside the tag pages of any link format', () => {
  const links = (tag: string) => ({ tag }) as Parameters<typeof tagsIndexPath>[0];
  assert.equal(tagsIndexPath(links('/tags/{{.Tag}}.html')), '/tags.html');
  assert.equal(tagsIndexPath(links('/tag/{{.Tag}}/')), '/tag/');
  assert.equal(tagsIndexPath(links('/{{.Tag}}.html')), '/tags.html');
});

test('a 404 offers the posts whose slugs are nearest to the path asked; the built 404 offers none', async (t) => {
  const s = await makeSite(t, FILES);
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  const { url } = await serve(t, opened);
  const near = async (path: string) => {
    const res = await fetch(`${url}${path}`);
    assert.equal(res.status, 404, path);
    const html = await res.text();
    const list = /<ul class="not-found-posts">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
    return [...list.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
  };
  // A slug mistyped, an old date, a slug cut short: each finds its post.
  assert.deepEqual(await near('/2015/10/4/helo-world.html'), ['/2015/10/4/hello-world.html']);
  assert.deepEqual(await near('/2014/1/1/memory-leak-in-go.html'), [
    '/2015/10/5/memory-leak-in-go.html',
  ]);
  assert.deepEqual(await near('/memory-leak'), ['/2015/10/5/memory-leak-in-go.html']);
  assert.deepEqual(await near('/nothing-like-any-of-them.html'), []);
  assert.deepEqual(
    await near(`/${'x'.repeat(5000)}`),
    [],
    'a long path costs little and finds nothing',
  );
  const { site, staticRoots } = opened;
  await buildSite({ site, routes: ROUTES, staticRoots, destDir: s.dest });
  assert.doesNotMatch(await readFile(join(s.dest, '404.html'), 'utf8'), /not-found-posts/);
});

test('editDistance: edits counted, and given up past the limit', () => {
  assert.equal(editDistance('kitten', 'sitting', 5), 3);
  assert.equal(editDistance('same', 'same', 0), 0);
  assert.equal(editDistance('abc', 'xyz', 1), 2, 'limit + 1 once past it');
  assert.equal(editDistance('a', 'abcdef', 2), 3, 'lengths too far apart');
});

test('the tags index is made again when a tag changes, not when a title does', async (t) => {
  const s = await makeSite(t, FILES);
  const opened = await open(t, s.content, s.store);
  const build = async () => {
    await opened.sync();
    const { site, staticRoots } = opened;
    await buildSite({ site, routes: ROUTES, staticRoots, destDir: s.dest });
    return (await stat(join(s.dest, 'tags.html'))).mtimeMs;
  };
  const first = await build();
  await writeFile(join(s.content, 'post/three.md'), post('Three, retitled', '2015-10-06', ['Go']));
  assert.equal(await build(), first, 'a new title: the index is left as it was');
  await writeFile(join(s.content, 'post/three.md'), post('Three', '2015-10-06', ['Go', 'rust']));
  assert.notEqual(await build(), first, 'a new tag: the index is made again');
  assert.match(await readFile(join(s.dest, 'tags.html'), 'utf8'), />rust<\/a>/);
});

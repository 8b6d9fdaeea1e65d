// Themes: loading, escaping, template errors with file and line, and every default template.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadTheme } from '../../src/render/theme.js';
import type {
  ArchiveView,
  BaseView,
  ListView,
  PagePageView,
  PostCard,
  PostPageView,
  SiteView,
} from '../../src/types.js';

const DEFAULT_THEME = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'themes',
  'default',
);

/** A theme folder in a temp dir, from { 'name.eta': source }. */
async function tempTheme(t: TestContext, files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pugo-theme-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

function site(over: Partial<SiteView> = {}): SiteView {
  return {
    title: 'pugo',
    subtitle: 'a test site',
    keyword: 'a,b',
    desc: 'A site for tests.',
    lang: 'en',
    root: 'http://example.com',
    base: '',
    cover: '',
    nav: [
      { link: '/', title: 'Home', hover: 'home', blank: false, icon: '', active: true },
      { link: '/about', title: 'About', hover: 'about', blank: false, icon: '', active: false },
    ],
    owner: null,
    disqus: '',
    analytics: { google: '', baidu: '' },
    feeds: { rss: '/feed.xml', atom: '/atom.xml', json: '/feed.json' },
    archive: '/archive.html',
    tags: '/tags.html',
    search: '/search.html',
    year: 2024,
    t: (key) => key,
    ...over,
  };
}

function base(title: string, over: Partial<SiteView> = {}): BaseView {
  return {
    site: site(over),
    title,
    desc: '',
    url: '/x.html',
    canonical: 'http://example.com/x.html',
    hover: 'home',
    share: {
      type: 'website',
      title,
      siteName: 'Site',
      image: '',
      published: '',
      modified: '',
      tags: [],
      jsonLd: '',
    },
  };
}

const DATE = { iso: '2015-10-14T14:58:13.000Z', text: '2015-10-14', year: 2015 };

function card(title: string): PostCard {
  return {
    title,
    url: '/2015/10/14/a.html',
    desc: '',
    date: DATE,
    updated: DATE,
    author: null,
    tags: [{ name: 'Go', url: '/tags/Go.html', count: 2 }],
    thumb: '',
    thumbImage: null,
    summaryHtml: '<p>Summary.</p>',
    hasMore: true,
    wordCount: 10,
  };
}

const PAGER = { current: 1, total: 2, prev: null, next: '/posts/2.html' };
const TOC = [
  { level: 2, id: 'a', text: 'A' },
  { level: 3, id: 'b', text: 'B' },
  { level: 2, id: 'c', text: 'C' },
];

function postView(title: string, over: Partial<SiteView> = {}): PostPageView {
  return {
    ...base(title, over),
    post: {
      ...card(title),
      html: '<h2 id="a">A</h2><p>Body.</p>',
      toc: TOC,
      reading: { words: 10, minutes: 1 },
    },
    newer: { title: 'Newer one', url: '/2015/10/15/n.html' },
    older: null,
  };
}

test('a missing theme folder is PUGO_THEME_NOT_FOUND', async () => {
  await assert.rejects(loadTheme('/nope'), { code: 'PUGO_THEME_NOT_FOUND', file: '/nope' });
});

test('the name comes from theme.toml, else the folder', async (t) => {
  assert.equal((await loadTheme(DEFAULT_THEME)).name, 'default');
  const dir = await tempTheme(t, { 'index.eta': 'x' });
  const theme = await loadTheme(dir);
  assert.equal(theme.name, dir.split(/[\\/]/).pop());
  assert.equal(theme.staticDir, join(dir, 'static'));
});

test('interpolations are escaped; <%~ prints raw HTML', async (t) => {
  const dir = await tempTheme(t, { 'x.eta': '<h1><%= it.title %></h1><%~ it.html %>' });
  const theme = await loadTheme(dir);
  const html = theme.render('x', { title: '<script>alert(1)</script>', html: '<p>ok</p>' });
  assert.equal(html, '<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1><p>ok</p>');
});

test('the default theme escapes a <script> in a post title', async () => {
  const theme = await loadTheme(DEFAULT_THEME);
  const html = theme.render('post', postView('<script>alert(1)</script>'));
  assert.doesNotMatch(html, /<script>alert/);
  assert.match(html, /<h1 class="post-title">&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/h1>/);
});

test('a syntax error is PUGO_TEMPLATE_ERROR with the template file and line', async (t) => {
  const dir = await tempTheme(t, {
    'bad.eta': '<p>one</p>\n<% if (it.x { %>\n<p>x</p>\n<% } %>\n',
    'unclosed.eta': '<p>one</p>\n\n<%= it.x\n',
    'outer.eta': '<p>outer</p>\n<%~ include("./partials/inner", it) %>\n',
    'partials/inner.eta': 'line 1\nline 2 <%= it.a.b %>\n',
  });
  const theme = await loadTheme(dir);
  assert.throws(() => theme.render('bad', {}), {
    code: 'PUGO_TEMPLATE_ERROR',
    file: join(dir, 'bad.eta'),
    line: 2,
  });
  assert.throws(() => theme.render('unclosed', {}), { code: 'PUGO_TEMPLATE_ERROR', line: 3 });
  // A failure inside a partial names the partial, not the page that included it.
  assert.throws(() => theme.render('outer', {}), {
    code: 'PUGO_TEMPLATE_ERROR',
    file: join(dir, 'partials', 'inner.eta'),
    line: 2,
  });
});

test('unknown templates and names outside the theme are errors, and has() says so', async (t) => {
  const dir = await tempTheme(t, { 'post.eta': 'p', 'partials/x.eta': 'x' });
  const theme = await loadTheme(dir);
  assert.equal(theme.has('post'), true);
  assert.equal(theme.has('partials/x'), true);
  assert.equal(theme.has('nope'), false);
  assert.equal(theme.has('../post'), false);
  assert.throws(() => theme.render('nope', {}), { code: 'PUGO_TEMPLATE_ERROR' });
  assert.throws(() => theme.render('../../etc/x', {}), { code: 'PUGO_TEMPLATE_ERROR' });
});

test('a template is read and compiled once, on first use', async (t) => {
  const dir = await tempTheme(t, { 'x.eta': 'first' });
  const theme = await loadTheme(dir);
  assert.equal(theme.render('x', {}), 'first');
  await writeFile(join(dir, 'x.eta'), 'second');
  assert.equal(theme.render('x', {}), 'first');
});

test('the default theme renders every template with a minimal view', async () => {
  const theme = await loadTheme(DEFAULT_THEME);
  const list: ListView = {
    ...base('Home'),
    posts: [card('One'), card('Two')],
    pager: PAGER,
    tag: null,
    years: null,
  };
  const tag = { name: 'Go', url: '/tags/Go.html', count: 2 };
  const views: [string, object][] = [
    ['index', list],
    ['index', { ...list, tag }],
    ['index', { ...list, tag, years: [{ year: 2015, posts: list.posts }] }],
    ['index', { ...list, posts: [], pager: { current: 1, total: 1, prev: null, next: null } }],
    ['post', postView('A post')],
    ['page', { ...base('About'), page: { ...postView('About').post, meta: {} } } as PagePageView],
    [
      'archive',
      {
        ...base('Archive'),
        years: [{ year: 2015, posts: [card('One')] }],
        tags: [{ name: 'Go', url: '/tags/Go.html', count: 2 }],
      } as ArchiveView,
    ],
    ['404', base('Not found')],
  ];
  for (const [name, view] of views) {
    assert.equal(theme.has(name), true, name);
    const html = theme.render(name, view);
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/, name);
    assert.equal(html.match(/<h1[ >]/g)?.length, 1, `${name}: one h1`);
    assert.match(html, /<main id="main"/, name);
    assert.match(html, /<link rel="stylesheet" href="\/css\/style.css">/, name);
    assert.doesNotMatch(html, /undefined|\[object Object\]|NaN/, name);
  }
});

test("strings fall back to the theme's lang files in the site's language", async () => {
  const theme = await loadTheme(DEFAULT_THEME);
  const list = (lang: string, t: (k: string) => string): ListView => ({
    ...base('Home', { lang, t }),
    posts: [card('One')],
    pager: PAGER,
    tag: null,
    years: null,
  });
  assert.match(
    theme.render(
      'index',
      list('en', (k) => k),
    ),
    /Read more/,
  );
  assert.match(
    theme.render(
      'index',
      list('zh-CN', (k) => k),
    ),
    /继续阅读/,
  );
  const own = (k: string) => (k === 'post.readmore' ? 'Weiterlesen' : k);
  assert.match(theme.render('index', list('de', own)), /Weiterlesen/);
});

test('comments and analytics appear only when configured, as attributes of external scripts', async () => {
  const theme = await loadTheme(DEFAULT_THEME);
  const plain = theme.render('post', postView('P'));
  assert.doesNotMatch(plain, /disqus|analytics\.js|comments\.js/);
  const evil = '"></script><script>alert(1)</script>';
  const html = theme.render(
    'post',
    postView('P', { disqus: evil, analytics: { google: 'G-1', baidu: evil } }),
  );
  assert.match(html, /<script src="\/js\/comments\.js" data-host="[^"]*" data-shortname="&quot;/);
  assert.match(html, /<script src="\/js\/analytics\.js" data-host="[^"]*" data-google="G-1"/);
  assert.doesNotMatch(html, /<script>alert/);
  // No inline script: a Content-Security-Policy without 'unsafe-inline' holds.
  assert.doesNotMatch(html, /<script>/);
  // The scripts load nothing unless on the site's own host: a local preview stays offline.
  for (const file of ['analytics.js', 'comments.js']) {
    const js = await readFile(join(DEFAULT_THEME, 'static', 'js', file), 'utf8');
    assert.match(js, /if \(!tag \|\| location\.hostname !== tag\.dataset\.host\) return;/);
  }
});

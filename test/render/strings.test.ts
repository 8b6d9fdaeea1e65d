// Theme strings: what a site's lang files lack falls back to the theme's own text, never to a key.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readToml } from '../../src/content/toml.js';
import { createTranslator } from '../../src/render/i18n.js';
import { makeSite, open, post, REPO, serve } from '../helpers.js';

/** Every 'section.key' of the default theme's English strings. */
function themeKeys(): string[] {
  const file = join(REPO, 'themes', 'default', 'lang', 'en.toml');
  const data = readToml(readFileSync(file, 'utf8'), { file, code: 'PUGO_CONFIG_INVALID' });
  return Object.entries(data).flatMap(([section, table]) =>
    Object.keys(table as object).map((key) => `${section}.${key}`),
  );
}

test('translator: site language, then English, from the site first and then the theme', () => {
  const site = { zh: { 'nav.home': '首页' }, en: { 'nav.home': 'Home', 'post.toc': 'TOC' } };
  const theme = {
    zh: { 'post.toc': '目录' },
    en: { 'post.toc': 'Contents', 'pager.next': 'Older' },
  };
  const t = createTranslator('zh-CN', site, theme);
  assert.equal(t('nav.home'), '首页');
  assert.equal(t('post.toc'), '目录', "the theme's Chinese before the site's English");
  assert.equal(t('pager.next'), 'Older');
  assert.equal(t('no.such'), 'no.such');
});

test('regression: every template of the default theme shows no raw key on a site without lang files', async (t) => {
  const site = await makeSite(t, {
    'post/a.md': post('A', '2020-01-01', ['go']),
    'post/b.md': post('B', '2020-01-02', ['go']),
    'post/c.md': post('C', '2020-01-03', ['go']),
    'page/about.md': '```toml\ntitle = "About"\n```\n\nAbout me.\n',
  });
  const opened = await open(t, site.content, site.store);
  await opened.sync();
  const running = await serve(t, opened);
  const keys = themeKeys();
  const paths = ['/', '/posts/2.html', '/2020/1/1/a.html', '/about.html', '/tags/go.html'];
  for (const path of [...paths, '/archive.html', '/no-such-page.html']) {
    const html = await (await fetch(running.url + path)).text();
    const raw = keys.filter((key) => html.includes(key));
    assert.deepEqual(raw, [], `${path} shows raw keys`);
  }
  const notFound = await (await fetch(`${running.url}/nowhere.html`)).text();
  assert.match(notFound, /<title>Page not found - Test site<\/title>/);
});

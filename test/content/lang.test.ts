// loadLang: lang/*.toml flattened to 'section.key', errors with file and line, no folder → {}.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadLang } from '../../src/content/lang.js';

function site(t: { after: (fn: () => void) => void }, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pugo-lang-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'lang'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'lang', name), text);
  return dir;
}

test('flattens sections to section.key, one entry per language code', async (t) => {
  const dir = site(t, {
    'en.toml': '\ufefftop = "Top"\n[nav]\nhome = "Home"\n[post.meta]\ncount = 3\n',
    'zh.toml': '[nav]\nhome = "首页"\n',
    '.swp.toml': 'ignored',
    'notes.txt': 'ignored',
  });
  assert.deepEqual(await loadLang(dir), {
    en: { top: 'Top', 'nav.home': 'Home', 'post.meta.count': '3' },
    zh: { 'nav.home': '首页' },
  });
});

test('invalid TOML → PUGO_CONFIG_INVALID with file and line', async (t) => {
  const dir = site(t, { 'en.toml': '[nav]\nhome = "Home"\narchive = = "x"\n' });
  await assert.rejects(loadLang(dir), {
    code: 'PUGO_CONFIG_INVALID',
    file: 'lang/en.toml',
    line: 3,
  });
});

test('no lang folder → {}', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pugo-lang-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.deepEqual(await loadLang(dir), {});
});

test("the real corpus's lang files load", async (t) => {
  const corpus = '/work/shared/corpus/fuxiaohei-me';
  if (!existsSync(corpus)) {
    t.diagnostic(`${corpus} not found: skipped`);
    return;
  }
  const langs = await loadLang(corpus);
  assert.deepEqual(Object.keys(langs).sort(), ['en', 'zh']);
  assert.equal(langs.en['nav.home'], 'Home');
  assert.equal(langs.en['post.readmore'], 'Read More');
});

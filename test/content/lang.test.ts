// loadLang: lang/*.toml flattened to 'section.key'; a broken file is a warning with file and line.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadLang } from '../../src/content/lang.js';
import { CORPUS } from '../helpers.js';

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
  assert.deepEqual((await loadLang(dir)).langs, {
    en: { top: 'Top', 'nav.home': 'Home', 'post.meta.count': '3' },
    zh: { 'nav.home': '首页' },
  });
});

test('a broken lang file is a warning with file and line; the other languages load', async (t) => {
  const dir = site(t, {
    'en.toml': '[nav]\nhome = "Home"\narchive = = "x"\n',
    'zh.toml': '[nav]\nhome = "首页"\n',
  });
  const { langs, problems } = await loadLang(dir);
  assert.deepEqual(langs, { zh: { 'nav.home': '首页' } });
  assert.equal(problems.length, 1);
  const [p] = problems;
  assert.deepEqual(
    [p.severity, p.code, p.file, p.line],
    ['warning', 'PUGO_CONFIG_INVALID', 'lang/en.toml', 3],
  );
});

test('regression: CRLF line ends with comments, a BOM and trailing spaces read (saved on Windows)', async (t) => {
  const dir = site(t, { 'en.toml': '\ufeff# strings \r\n[nav]  \r\nhome = "Home" # c\r\n' });
  assert.deepEqual(await loadLang(dir), { langs: { en: { 'nav.home': 'Home' } }, problems: [] });
});

test('no lang folder → {}', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pugo-lang-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.deepEqual(await loadLang(dir), { langs: {}, problems: [] });
});

test("the real corpus's lang files load", {
  skip: !existsSync(CORPUS) && 'no ../shared here',
}, async () => {
  const { langs } = await loadLang(CORPUS);
  assert.deepEqual(Object.keys(langs).sort(), ['en', 'zh']);
  assert.equal(langs.en['nav.home'], 'Home');
  assert.equal(langs.en['post.readmore'], 'Read More');
});

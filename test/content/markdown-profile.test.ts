// [build] markdown: "pugo" by default, "commonmark" on request, anything else refused; changing
// it parses every post again. And the step table: each profile's rules, in order.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/load-config.js';
import { STEPS, stepsOf } from '../../src/content/markdown/profiles.js';
import { createMarkdown } from '../../src/content/markdown/render.js';
import { META, makeSite, open } from '../helpers.js';

const BOLD = '**邮箱：**me@example.com';

test('meta.toml without [build] markdown reads as the pugo profile', async (t) => {
  const site = await makeSite(t, {});
  assert.equal((await loadConfig(site.content)).config.build.markdown, 'pugo');
});

test('[build] markdown = "commonmark" is read; another value is PUGO_CONFIG_INVALID in meta.toml', async (t) => {
  const ok = await makeSite(t, {}, `${META}markdown = "commonmark"\n`);
  assert.equal((await loadConfig(ok.content)).config.build.markdown, 'commonmark');
  const bad = await makeSite(t, {}, `${META}markdown = "gfm"\n`);
  await assert.rejects(loadConfig(bad.content), {
    code: 'PUGO_CONFIG_INVALID',
    file: join(bad.content, 'meta.toml'),
  });
});

test('switching the profile in meta.toml parses the posts again with the other rules', async (t) => {
  const body = `\`\`\`toml\ntitle = "A"\ndate = "2020-01-01"\nauthor = "ann"\n\`\`\`\n\n${BOLD}\n`;
  const site = await makeSite(t, { 'post/a.md': body });
  const opened = await open(t, site.content, site.store);
  await opened.sync();
  const html = async () => (await opened.store.entryByPath('/2020/1/1/a.html'))?.html ?? '';
  assert.match(await html(), /<strong>邮箱：<\/strong>/);
  await writeFile(join(site.content, 'meta.toml'), `${META}markdown = "commonmark"\n`);
  await opened.reload();
  assert.match(await html(), /\*\*邮箱：\*\*/);
});

test("commonmark keeps only pugo's own steps; pugo has them all, in the table's order", () => {
  assert.deepEqual(
    stepsOf('commonmark').map((s) => s.name),
    ['heading-levels', 'heading-ids'],
  );
  assert.deepEqual(
    stepsOf('pugo'),
    STEPS.filter((s) => s.only !== 'goldmark'),
  );
  assert.equal(createMarkdown('commonmark').render(BOLD), `<p>${BOLD}</p>\n`);
});

test('goldmark, as Pugo 2022 rendered: hard line breaks, and links to other sites in a new tab', () => {
  const md = createMarkdown('goldmark');
  assert.equal(md.render('one\ntwo'), '<p>one<br>\ntwo</p>\n');
  assert.match(
    md.render('[a](https://example.com) [b](/local)'),
    /<a href="https:\/\/example.com" target="_blank">a<\/a> <a href="\/local">b<\/a>/,
  );
  assert.deepEqual(
    stepsOf('goldmark').map((s) => s.name),
    ['hard-wraps', 'external-links', 'heading-levels', 'heading-ids'],
  );
});

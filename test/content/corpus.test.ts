// The real Pugo site (the author's own blog): every post and page parses, the seed post exactly.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { authorIndex } from '../../src/content/parse/jobs.js';
import { parseEntry } from '../../src/content/parse-entry.js';
import { scanContent } from '../../src/content/scan.js';
import type { Entry } from '../../src/types.js';
import { CORPUS } from '../helpers.js';
import { context } from './support.js';

/** Every entry of the corpus by id; any parse error fails the test that asked. */
async function parseCorpus(): Promise<Map<string, Entry>> {
  const ctx = context({ authors: authorIndex(['fuxiaohei']) });
  const entries = new Map<string, Entry>();
  for (const file of await scanContent(CORPUS)) {
    entries.set(file.id, parseEntry(file, await readFile(file.abs), ctx, []));
  }
  return entries;
}

const corpus = existsSync(CORPUS) ? parseCorpus() : null;
// Each test awaits it and fails on its error; this only keeps Node from calling it unhandled.
corpus?.catch(() => undefined);

test('fuxiaohei-me: 31 posts and 3 pages parse without error', async (t) => {
  if (!corpus) return t.skip(`${CORPUS} not found`);
  const all = [...(await corpus).values()];
  assert.equal(all.filter((e) => e.kind === 'post').length, 31);
  assert.equal(all.filter((e) => e.kind === 'page').length, 3);
  assert.ok(all.every((e) => !e.html.includes('//media/') && !e.html.includes('@media')));
});

test('fuxiaohei-me: the seed post keeps its Pugo URL and its four /media/ images', async (t) => {
  if (!corpus) return t.skip(`${CORPUS} not found`);
  const seed = (await corpus).get('post/2015/pugo-mem-leak-profile.md');
  assert.equal(seed?.path, '/2015/10/14/pugo-mem-leak-profile.html');
  const imgs = seed?.html.match(/<img [^>]*>/g) ?? [];
  assert.equal(imgs.length, 4);
  assert.ok(
    imgs.every((img) => /src="\/media\//.test(img)),
    imgs.join('\n'),
  );
  assert.equal(seed?.kind === 'post' && seed.hasMore, true);
});

test('fuxiaohei-me quirks: slug unlike the file name, //media links, tags = []', async (t) => {
  if (!corpus) return t.skip(`${CORPUS} not found`);
  const entries = await corpus;
  const react = entries.get('post/2016/4-react-webpack.md');
  assert.equal(react?.path, '/2016/5/5/react-babel-webpack-start.html');
  const horse = entries.get('post/2014/new-horse-year.md');
  assert.match(horse?.html ?? '', /src="\/media\/201401302358434.png"/);
  const city = entries.get('post/2014/a-new-city.md');
  assert.deepEqual(city?.kind === 'post' && city.tags, []);
  assert.equal(entries.get('page/about-me.md')?.path, '/about-me.html');
});

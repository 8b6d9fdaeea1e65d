// Related posts: ranked by shared tags and keywords (each by its rarity), found at sync time
// from the stored keywords, shown at the end of each post, and kept current by the build.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import MarkdownIt from 'markdown-it';
import { buildSite } from '../../src/build/build.js';
import { entryWords } from '../../src/search/search-record.js';
import { featureDigest, RELATED_COUNT, relatedOf, relatedPosts } from '../../src/site/related.js';
import { ROUTES } from '../../src/site/routes.js';
import type { PostSummary } from '../../src/types.js';
import { makeSite, open, serve } from '../helpers.js';

const md = new MarkdownIt();

function summary(id: string, tags: string[], keywords: string[]): PostSummary {
  return { id, tags, keywords } as unknown as PostSummary;
}

test('keywords: the words title and prose use most, the title thrice; code and common words left out', () => {
  const tokens = md.parse(
    'The heap grows and the heap leaks. `pool` pools.\n\n```go\nheap heap heap heap\n```\n',
    {},
  );
  const words = entryWords('Pool leak', [], tokens).keywords;
  assert.deepEqual(words.slice(0, 3), ['leak', 'pool', 'heap']);
  assert.ok(!words.includes('the') && !words.includes('and'));
  const cjk = entryWords(
    '内存泄露',
    [],
    md.parse('一次内存泄露的排查：用 pprof 看内存，pprof 说了算。\n', {}),
  ).keywords;
  assert.ok(cjk.includes('内存') && cjk.includes('pprof'), cjk.join(' '));
});

test('related: most shared (rarest first) tags and keywords, newest on a tie, at most five', () => {
  const posts = [
    summary('new', ['go'], ['heap']),
    summary('a', ['go', 'pprof'], ['heap', 'leak']),
    summary('b', ['go'], ['heap', 'leak']),
    summary('lonely', ['cooking'], ['soup']),
    ...Array.from({ length: 7 }, (_, i) => summary(`k${i}`, ['k'], [])),
    ...Array.from({ length: 8 }, (_, i) => summary(`x${i}`, ['blog'], ['post'])),
  ].map((p, i, all) => (i < all.length - 8 ? p : { ...p, tags: [...p.tags, 'all'] }));
  const related = relatedPosts(posts);
  const ids = (id: string) => related.get(id)?.map((p) => p.id);
  assert.deepEqual(ids('a'), ['b', 'new'], 'b shares go, heap and leak; new go and heap');
  assert.equal(related.get('lonely'), undefined, 'nothing in common: no related posts');
  assert.deepEqual(
    ids('k6'),
    ['k0', 'k1', 'k2', 'k3', 'k4'],
    `at most ${RELATED_COUNT}, newer first on a tie`,
  );
  assert.deepEqual(
    ids('x0'),
    ['x1', 'x2', 'x3', 'x4', 'x5'],
    'blog and post are shared by 8 of 19',
  );
  const everywhere = relatedPosts(posts.map((p) => ({ ...p, tags: [...p.tags, 'blog'] })));
  assert.equal(
    everywhere.get('lonely'),
    undefined,
    'a tag on more than half the posts ranks nothing',
  );
});

const POST = (title: string, day: number, tags: string[], body: string) =>
  `\`\`\`toml\ntitle = "${title}"\ndate = "2020-01-0${day}"\ntags = ${JSON.stringify(tags)}\n\`\`\`\n\n${body}\n`;

async function site(t: Parameters<typeof makeSite>[0]) {
  return makeSite(t, {
    'post/leak.md': POST(
      'Finding a heap leak',
      1,
      ['go', 'pprof'],
      'The heap grew: pprof showed the pool.',
    ),
    'post/pool.md': POST(
      'Pools and the heap',
      2,
      ['go'],
      'A pool keeps handlers; the heap grows with them.',
    ),
    'post/soup.md': POST('Soup', 3, ['cooking'], 'Onions, water, salt.'),
  });
}

test('a post ends with its related posts in .related; one with none shows no section', async (t) => {
  const s = await site(t);
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  const { url } = await serve(t, opened);
  const leak = await (await fetch(`${url}/2020/1/1/leak.html`)).text();
  const section = /<section class="related"[\s\S]*?<\/section>/.exec(leak)?.[0] ?? '';
  assert.match(section, /<a href="\/2020\/1\/2\/pool.html">Pools and the heap<\/a>/);
  assert.doesNotMatch(section, /Soup/);
  const soup = await (await fetch(`${url}/2020/1/3/soup.html`)).text();
  assert.doesNotMatch(soup, /class="related"/);
});

test('the build knows a related list depends on other posts: a retitle there makes the page again', async (t) => {
  const s = await site(t);
  const opened = await open(t, s.content, s.store);
  const build = async () => {
    await opened.sync();
    const { site, staticRoots } = opened;
    return buildSite({ site, routes: ROUTES, staticRoots, destDir: s.dest });
  };
  await build();
  await writeFile(
    join(s.content, 'post/pool.md'),
    POST(
      'Pools and the heap',
      2,
      ['go'],
      'A pool keeps handlers; the heap grows with them.',
    ).replace('title = "Pools and the heap"', 'title = "Pools, the heap, and tango"'),
  );
  const again = await build();
  assert.ok(again.rendered < again.pages, 'not everything');
  const leak = await readFile(join(s.dest, '2020/1/1/leak.html'), 'utf8');
  assert.match(leak, /class="related"[\s\S]*Pools, the heap, and tango/);
});

test('stored lists ranked from the same features are read, not ranked again, with current titles', () => {
  const posts = [summary('a', ['go'], []), summary('b', ['go'], []), summary('c', ['go'], [])];
  const digest = featureDigest(posts);
  // Not what ranking gives (a: b, c): proof the stored lists were taken.
  const stored = { digest, lists: { a: ['c'] } };
  const renamed = posts.map((p) => ({ ...p, title: `${p.id}!` }));
  const taken = relatedOf(renamed, stored);
  assert.deepEqual(
    taken.related.get('a')?.map((p) => p.title),
    ['c!'],
  );
  const ranked = relatedOf(posts, { digest: 'other', lists: {} });
  assert.deepEqual(
    ranked.related.get('a')?.map((p) => p.id),
    ['b', 'c'],
  );
  const lent = relatedOf(renamed, undefined, { digest, related: taken.related });
  assert.equal(
    lent.related.get('a')?.[0],
    renamed[2],
    "the snapshot before lends its lists, with this one's summaries",
  );
});

test('a build keeps the related lists in the store for the next one', async (t) => {
  const s = await site(t);
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  const { site: pugoSite, staticRoots } = opened;
  await buildSite({ site: pugoSite, routes: ROUTES, staticRoots, destDir: s.dest });
  const kept = await opened.store.getMeta<{ digest: string; lists: Record<string, string[]> }>(
    'related',
  );
  assert.deepEqual(kept?.lists['post/leak.md'], ['post/pool.md']);
});

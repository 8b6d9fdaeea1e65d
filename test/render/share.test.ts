// Share cards and machine-readable pages: Open Graph, the Twitter/X card and JSON-LD of every
// kind of page, read from a real server; the description excerpt; reading time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readingOf } from '../../src/render/reading-time.js';
import { textExcerpt } from '../../src/render/share.js';
import { makeSite, open, post, serve } from '../helpers.js';

/** The <head>'s meta properties and names, each to its contents (repeated ones to a list). */
function metaOf(html: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const m of html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)">/g)) {
    found.set(m[1], [...(found.get(m[1]) ?? []), m[2]]);
  }
  return found;
}

function jsonLdOf(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1]) as Record<string, unknown>,
  );
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** What schema.org and Google's rich results want of a BlogPosting or WebPage. */
function assertArticle(ld: Record<string, unknown>, type: string, url: string) {
  assert.equal(ld['@context'], 'https://schema.org');
  assert.equal(ld['@type'], type);
  assert.equal(typeof ld.headline, 'string');
  assert.ok((ld.headline as string).length > 0);
  assert.equal(typeof ld.description, 'string');
  assert.equal(ld.url, url);
  assert.deepEqual(ld.mainEntityOfPage, { '@type': 'WebPage', '@id': url });
  assert.match(String(ld.datePublished), ISO);
  assert.match(String(ld.dateModified), ISO);
  const author = ld.author as Record<string, unknown>;
  assert.equal(author['@type'], 'Person');
  assert.equal(typeof author.name, 'string');
}

async function site(t: Parameters<typeof makeSite>[0]) {
  const s = await makeSite(t, {
    'post/hello.md': post(
      'Hello </script> "world"',
      '2015-10-04 22:58:13',
      ['Go', '中文'],
      'thumb = "/media/pic.png"\n',
    ),
    'post/plain.md':
      '```toml\ntitle = "Plain"\ndate = "2015-10-05"\nauthor = "ann"\n```\n\nFirst &amp; <em>only</em> words here. ![a](/media/b.jpg)\n',
    'post/cjk.md': `\`\`\`toml\ntitle = "内存"\ndate = "2015-10-06"\n\`\`\`\n\n${'内存泄露'.repeat(250)}\n\n${'word '.repeat(212)}\n`,
    'page/about-me.md': '```toml\ntitle = "About"\ndate = "2015-01-01"\n```\n\nAbout me.\n',
  });
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  return serve(t, opened);
}

test('a post has Open Graph, a Twitter/X card and a BlogPosting with author and dates', async (t) => {
  const { url } = await site(t);
  const html = await (await fetch(`${url}/2015/10/4/hello.html`)).text();
  const meta = metaOf(html);
  const canonical = 'http://example.test/2015/10/4/hello.html';
  assert.match(html, new RegExp(`<link rel="canonical" href="${canonical}">`));
  assert.deepEqual(meta.get('og:type'), ['article']);
  assert.deepEqual(meta.get('og:title'), ['Hello &lt;/script&gt; &quot;world&quot;']);
  assert.deepEqual(meta.get('og:url'), [canonical]);
  assert.deepEqual(meta.get('og:image'), ['http://example.test/media/pic.png']);
  // The body's </script> is raw HTML, which the text leaves out; its quotes are SmartyPants'.
  assert.deepEqual(meta.get('og:description'), ['Body of Hello “world”.']);
  assert.deepEqual(meta.get('article:tag'), ['Go', '中文']);
  assert.deepEqual(meta.get('article:published_time'), ['2015-10-04T22:58:13.000Z']);
  assert.deepEqual(meta.get('twitter:card'), ['summary_large_image']);
  assert.deepEqual(meta.get('twitter:image'), ['http://example.test/media/pic.png']);
  const [ld, ...more] = jsonLdOf(html);
  assert.equal(more.length, 0);
  assertArticle(ld, 'BlogPosting', canonical);
  assert.equal(
    ld.headline,
    'Hello </script> "world"',
    'the title whole, and the script not ended by it',
  );
  assert.deepEqual(ld.author, { '@type': 'Person', name: 'Ann' });
  assert.equal(ld.image, 'http://example.test/media/pic.png');
  assert.equal(ld.keywords, 'Go, 中文');
  assert.equal(typeof ld.wordCount, 'number');
  for (const [kind, href] of [
    ['application/rss+xml', '/feed.xml'],
    ['application/atom+xml', '/atom.xml'],
    ['application/feed+json', '/feed.json'],
  ]) {
    assert.match(
      html,
      new RegExp(`<link rel="alternate" type="${kind.replace('+', '\\+')}"[^>]* href="${href}">`),
    );
  }
  assert.doesNotMatch(html, /aria-current/, 'no nav item is the current page on a post');
});

test('a post without desc or thumb: described by its opening text, imaged by its first image', async (t) => {
  const { url } = await site(t);
  const html = await (await fetch(`${url}/2015/10/5/plain.html`)).text();
  const meta = metaOf(html);
  assert.deepEqual(meta.get('og:description'), ['First &amp; only words here.']);
  assert.match(html, /<meta name="description" content="First &amp; only words here.">/);
  assert.deepEqual(meta.get('og:image'), ['http://example.test/media/b.jpg']);
});

test('a page is a WebPage, the home page a WebSite, a list has Open Graph and no JSON-LD', async (t) => {
  const { url } = await site(t);
  const page = await (await fetch(`${url}/about-me.html`)).text();
  assertArticle(jsonLdOf(page)[0], 'WebPage', 'http://example.test/about-me.html');
  assert.deepEqual(metaOf(page).get('og:type'), ['website']);
  assert.equal(metaOf(page).get('og:image'), undefined);
  assert.deepEqual(metaOf(page).get('twitter:card'), ['summary']);
  const home = await (await fetch(`${url}/`)).text();
  const [website] = jsonLdOf(home);
  assert.equal(website['@type'], 'WebSite');
  assert.equal(website.url, 'http://example.test/');
  assert.equal(website.name, 'Test site');
  const list = await (await fetch(`${url}/posts/2.html`)).text();
  assert.deepEqual(metaOf(list).get('og:url'), ['http://example.test/posts/2.html']);
  assert.deepEqual(jsonLdOf(list), []);
});

test('a post shows its words and reading time; the JSON feed carries both', async (t) => {
  const { url } = await site(t);
  const html = await (await fetch(`${url}/2015/10/6/cjk.html`)).text();
  // 1,000 CJK characters at 500 a minute and 212 words at 212: 3 minutes.
  assert.match(html, /<span class="reading">1212 words · 3 min read<\/span>/);
  const feed = (await (await fetch(`${url}/feed.json`)).json()) as {
    items: { title: string; _pugo: Record<string, number> }[];
  };
  const item = feed.items.find((i) => i.title === '内存');
  assert.deepEqual(item?._pugo, { word_count: 1212, cjk_count: 1000, reading_minutes: 3 });
  const rss = await (await fetch(`${url}/feed.xml`)).text();
  assert.doesNotMatch(rss, /_pugo/);
});

test('reading time: words and CJK characters each at their rate, rounded up', () => {
  const rates = { wordsPerMinute: 212, cjkPerMinute: 500 };
  assert.deepEqual(readingOf({ wordCount: 0, cjkCount: 0 }, rates), { words: 0, minutes: 0 });
  assert.deepEqual(readingOf({ wordCount: 1, cjkCount: 0 }, rates), { words: 1, minutes: 1 });
  assert.deepEqual(readingOf({ wordCount: 424, cjkCount: 0 }, rates), { words: 424, minutes: 2 });
  assert.deepEqual(readingOf({ wordCount: 1500, cjkCount: 1500 }, rates).minutes, 3);
  assert.deepEqual(
    readingOf({ wordCount: 100, cjkCount: 0 }, { ...rates, wordsPerMinute: 50 }).minutes,
    2,
  );
});

test('textExcerpt: tags and entities out, cut at a word (or a CJK character) before 160', () => {
  assert.equal(
    textExcerpt('<p>A &amp; B&#39;s <code>x&lt;y</code></p>\n<p>Next.</p>'),
    "A & B's x<y Next.",
  );
  assert.equal(textExcerpt('<script>var a = "<p>";</script><p>Shown</p>'), 'Shown');
  const long = textExcerpt(`<p>${'word '.repeat(60)}</p>`);
  assert.ok(long.length <= 160 && long.endsWith('word…'), long);
  const cjk = textExcerpt(`<p>${'内存'.repeat(100)}</p>`);
  assert.equal(cjk.length, 160);
  assert.ok(cjk.endsWith('…'));
  assert.equal(textExcerpt('<p>cut <a href="x'), 'cut');
});

// renderMarkdown: summary at <!--more-->, table of contents, heading ids, highlighting, media
// links, word count.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMarkdown, renderMarkdown } from '../../src/content/markdown/render.js';

const md = createMarkdown();
const render = (body: string, base = '') => renderMarkdown(md, body, base);

test('<!--more--> on its own line: summary is what comes before, html is everything', () => {
  const r = render('Intro\n\n<!--more-->\n\n## Rest\n\nMore text.\n');
  assert.equal(r.summaryHtml, '<p>Intro</p>\n');
  assert.equal(r.hasMore, true);
  assert.match(
    r.html,
    /^<p>Intro<\/p>\n<!--more-->\n<h2 id="rest">Rest<\/h2>\n<p>More text.<\/p>\n$/,
  );
  // The split render is the same bytes as rendering the post whole.
  assert.equal(r.html, md.render('Intro\n\n<!--more-->\n\n## Rest\n\nMore text.\n'));
});

test('no marker: the whole post is the summary, hasMore false', () => {
  const r = render('One\n\nTwo\n');
  assert.equal(r.summaryHtml, r.html);
  assert.equal(r.hasMore, false);
});

test('marker with nothing after it: hasMore false', () => {
  const r = render('All of it.\n\n<!--more-->\n\n');
  assert.equal(r.summaryHtml, '<p>All of it.</p>\n');
  assert.equal(r.hasMore, false);
});

test('<!-- more --> with spaces counts; a marker inside code does not', () => {
  assert.equal(render('A\n\n<!-- more -->\n\nB\n').summaryHtml, '<p>A</p>\n');
  const r = render('```html\n<!--more-->\n```\n\nText\n');
  assert.equal(r.hasMore, false);
  assert.equal(r.summaryHtml, r.html);
});

test('marker inside a paragraph: summary is the source before it, tags closed', () => {
  const r = render('```\n<!--more-->\n```\n\nSome *text*.<!--more--> and rest.\n\nAfter.\n');
  assert.equal(r.hasMore, true);
  assert.match(r.summaryHtml, /<p>Some <em>text<\/em>.<\/p>\n$/);
  assert.match(r.summaryHtml, /^<pre><code>&lt;!--more--&gt;/);
  assert.match(r.html, /After\./);
});

test('headings: ids keep CJK, drop punctuation, repeats get -1, -2; toc is h2–h4', () => {
  const headings = [
    '# Top',
    '## Setup & install!',
    '## 深入分析',
    '### Setup & install!',
    '#### `code` here',
    '##### deep',
    '## Setup & install!',
    '## ！！',
  ];
  const r = render(headings.join('\n\n'));
  // '#' becomes h2 under the page's title, so every level moves down one.
  assert.deepEqual(r.toc, [
    { level: 2, id: 'top', text: 'Top' },
    { level: 3, id: 'setup-install', text: 'Setup & install!' },
    { level: 3, id: '深入分析', text: '深入分析' },
    { level: 4, id: 'setup-install-1', text: 'Setup & install!' },
    { level: 3, id: 'setup-install-2', text: 'Setup & install!' },
    { level: 3, id: 'section', text: '！！' },
  ]);
  assert.match(r.html, /<h2 id="top">Top<\/h2>/);
  assert.match(r.html, /<h3 id="深入分析">深入分析<\/h3>/);
});

test('fenced code: known language highlighted, unknown and none escaped', () => {
  const r = render(
    '```go\nfunc main() {}\n```\n\n```nosuchlang\n<b>x</b>\n```\n\n```\na < b\n```\n',
  );
  assert.ok(r.html.startsWith('<pre><code class="hljs language-go"><span class="hljs-function">'));
  assert.match(r.html, /<span class="hljs-keyword">func<\/span>/);
  assert.match(
    r.html,
    /<pre><code class="language-nosuchlang">&lt;b&gt;x&lt;\/b&gt;\n<\/code><\/pre>/,
  );
  assert.match(r.html, /<pre><code>a &lt; b\n<\/code><\/pre>/);
});

test('raw HTML passes through; tables and linkify are on', () => {
  const r = render(
    '<div class="x">raw</div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nsee https://example.com\n',
  );
  assert.match(r.html, /<div class="x">raw<\/div>/);
  assert.match(r.html, /<table>/);
  assert.match(r.html, /<a href="https:\/\/example.com">https:\/\/example.com<\/a>/);
});

test('@media and //media links become <base>/media, in markdown and raw HTML', () => {
  const body = [
    '![a](@media/a.png) [f](@media/f.zip) ![b](//media/b.png)',
    `<img src="@media/r.png"><a href='//media/c.pdf'>c</a>`,
    '![x](//media.example.com/x.png) ![y](/media/y.png)',
    '<!--more-->',
    '![z](@media/z.png)',
  ].join('\n\n');
  const r = render(body, '/blog');
  for (const url of ['a.png', 'f.zip', 'b.png', 'r.png', 'c.pdf', 'z.png']) {
    assert.ok(r.html.includes(`/blog/media/${url}`), url);
  }
  assert.ok(r.html.includes('src="//media.example.com/x.png"'));
  assert.ok(r.html.includes('src="/media/y.png"'));
  assert.ok(!r.html.includes('@media'));
  assert.ok(r.summaryHtml.includes('src="/blog/media/a.png"'));
  assert.equal(render('![a](@media/a.png)\n').html, '<p><img src="/media/a.png" alt="a"></p>\n');
});

test('word count: Latin words, each CJK character, code blocks left out', () => {
  assert.equal(render('Hello world, it’s well-known.\n').wordCount, 4);
  assert.equal(render('你好世界 hello\n').wordCount, 5);
  assert.equal(render('こんにちは\n').wordCount, 5);
  assert.equal(
    render('# Title\n\n**bold**text and `code`\n\n```\nnot counted here\n```\n').wordCount,
    4,
  );
  assert.equal(render('').wordCount, 0);
});

test('heading levels start at h2 under the title and never skip a level', () => {
  const md = createMarkdown();
  const html = md.render('### Intro\n\ntext\n\n##### Detail\n\n### Next\n');
  assert.deepEqual(
    [...html.matchAll(/<(h\d)/g)].map((m) => m[1]),
    ['h2', 'h3', 'h2'],
  );
  const toc = renderMarkdown(md, '# One\n\n## Two\n', '').toc;
  assert.deepEqual(
    toc.map((h) => h.level),
    [2, 3],
  );
});

test('a fence in a language outside the common set is still highlighted', () => {
  const html = createMarkdown().render('```haskell\nmain = putStrLn "hi"\n```\n');
  assert.match(html, /class="hljs language-haskell"/);
  assert.match(html, /hljs-/);
});

test('regression: 20,000 same headings render in linear time (markdown-it-anchor was not)', () => {
  // markdown-it-anchor counted each repeat's suffix from 1 again: 16,000 took 36 s.
  const started = performance.now();
  const r = render('# a\n'.repeat(20_000));
  assert.ok(performance.now() - started < 3000, 'rendered in well under the 36 s it took');
  assert.equal(r.toc.length, 20_000);
  assert.deepEqual(
    r.toc.slice(0, 3).map((h) => h.id),
    ['a', 'a-1', 'a-2'],
  );
  assert.equal(r.toc.at(-1)?.id, 'a-19999');
});

test('regression: heading ids number repeats as markdown-it-anchor did, past taken ones', () => {
  const ids = render('# a-1\n\n# a\n\n# a\n\n# a-1\n\n# a\n').toc.map((h) => h.id);
  assert.deepEqual(ids, ['a-1', 'a', 'a-2', 'a-1-1', 'a-3']);
});

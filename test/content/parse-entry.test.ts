// parseEntry over the fixture files: every front-matter form and quirk, then one test per error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEntry } from '../../src/content/parse-entry.js';
import type { ContentProblem, Entry, Page, Post } from '../../src/types.js';
import { context, MTIME, memoryFile, parseFixture, parsePage, parsePost } from './support.js';

const shanghai = context({ timezone: 'Asia/Shanghai' });

test('toml fence: fields, trimmed title, tags cleaned, thumb media link, path', () => {
  const post = parsePost('post/2015/toml-basic.md', context({ base: '/blog' }));
  assert.equal(post.kind, 'post');
  assert.equal(post.id, 'post/2015/toml-basic.md');
  assert.equal(post.title, 'Profiling a leak');
  assert.equal(post.slug, 'toml-basic');
  assert.equal(post.desc, 'How the pool leaked');
  assert.equal(post.date, '2015-10-14T22:58:13.000Z');
  assert.equal(post.updated, '2015-10-15T08:00:00.000Z');
  assert.equal(post.author, 'fuxiaohei');
  assert.equal(post.thumb, '/blog/media/thumb.png');
  assert.deepEqual(post.tags, ['Go', 'beego', 'Beego', '调优']);
  assert.equal(post.draft, false);
  assert.equal(post.path, '/2015/10/14/toml-basic.html');
  assert.equal(post.hasMore, true);
  assert.match(post.summaryHtml, /Intro paragraph/);
  assert.doesNotMatch(post.summaryHtml, /After the break/);
  assert.deepEqual(post.toc, [{ level: 2, id: 'after-the-break', text: 'After the break' }]);
});

test('the site timezone moves the date, and the URL with it (month and day not padded)', () => {
  const post = parsePost('post/2015/toml-basic.md', shanghai);
  assert.equal(post.date, '2015-10-14T14:58:13.000Z');
  assert.equal(post.path, '/2015/10/14/toml-basic.html');
  const early = parsePost('post/bom.md', context({ timezone: '-08:00' }));
  assert.equal(early.date, '2015-10-15T06:58:13.000Z');
  assert.equal(early.path, '/2015/10/14/bom.html');
  const ny = parsePost('post/no-more.md', context({ timezone: 'America/New_York' }));
  assert.equal(ny.date, '2016-01-01T05:00:00.000Z');
  assert.equal(ny.path, '/2016/1/1/no-more.html');
});

test('ini fence: comma tags, quoted and bare values, draft as text', () => {
  const post = parsePost('post/ini-form.md');
  assert.equal(post.title, 'Old Pugo post');
  assert.equal(post.slug, 'old-ini');
  assert.equal(post.date, '2014-01-19T16:16:00.000Z');
  assert.equal(post.author, 'fuxiaohei');
  assert.deepEqual(post.tags, ['go', 'pugo', 'Go', '中文']);
  assert.equal(post.draft, true);
  assert.equal(post.path, '/2014/1/19/old-ini.html');
});

test('+++ form with a TOML offset datetime', () => {
  const post = parsePost('post/hugo-plus.md', shanghai);
  assert.equal(post.title, 'Hugo style');
  assert.equal(post.date, '2015-10-14T14:58:13.000Z');
  assert.equal(post.slug, 'hugo-plus');
  assert.deepEqual(post.tags, ['hugo']);
});

test('BOM, CRLF and blank lines inside the TOML', () => {
  assert.equal(parsePost('post/bom.md').title, 'With a BOM');
  const crlf = parsePost('post/crlf.md');
  assert.deepEqual(crlf.tags, ['a', 'b']);
  assert.ok(!crlf.html.includes('\r'));
  assert.match(crlf.html, /<h2 id="heading">Heading<\/h2>\n<p>Line one\nline two<\/p>/);
  const blank = parsePost('post/blank-lines.md');
  assert.equal(blank.title, 'Blank lines');
  assert.equal(blank.author, 'fuxiaohei');
});

test('CJK title, tags and file name: slug defaults to the file name', () => {
  const post = parsePost('post/中文文章.md');
  assert.equal(post.title, 'PuGo 一次内存泄露的调优');
  assert.equal(post.slug, '中文文章');
  assert.equal(post.path, '/2015/10/14/中文文章.html');
  assert.deepEqual(post.tags, ['调优', '内存', 'Go']);
  assert.equal(post.author, '');
});

test('tags = [] and no tags at all give no tags', () => {
  assert.deepEqual(parsePost('post/empty-tags.md').tags, []);
  assert.deepEqual(parsePost('post/no-date.md').tags, []);
});

test('raw HTML and //media, @media links', () => {
  const post = parsePost('post/media-links.md', context({ base: '/blog' }));
  assert.equal(post.thumb, '/blog/media/thumb.jpg');
  for (const url of ['201401302358434.png', 'a.png', 'file.zip', 'raw.png', 'c.pdf']) {
    assert.ok(post.html.includes(`/blog/media/${url}`), url);
  }
  assert.match(post.html, /<div class="raw"><img src="\/blog\/media\/raw.png" alt="raw">/);
  assert.ok(post.html.includes('//media.example.com/x.png'));
});

test("a missing date is the file's mtime; update_date defaults to date", () => {
  const post = parsePost('post/no-date.md');
  assert.equal(post.date, new Date(MTIME).toISOString());
  assert.equal(post.updated, post.date);
  assert.equal(post.path, '/2020/1/2/no-date.html');
});

test('TOML local datetime and local date are read in the site timezone', () => {
  const post = parsePost('post/toml-datetimes.md', shanghai);
  assert.equal(post.date, '2015-10-14T14:58:13.000Z');
  assert.equal(post.updated, '2015-10-14T16:00:00.000Z');
});

test('summary, toc and highlighting together', () => {
  const post = parsePost('post/summary-toc.md');
  assert.equal(post.hasMore, true);
  assert.match(post.summaryHtml, /hljs language-go/);
  assert.doesNotMatch(post.summaryHtml, /深入分析/);
  assert.deepEqual(
    post.toc.map((h) => [h.level, h.id]),
    // '#' becomes h2 under the page's title, so every level moves down one.
    [
      [2, 'title-heading'],
      [3, 'setup-install'],
      [3, '深入分析'],
      [4, 'setup-install-1'],
    ],
  );
  assert.match(post.html, /<code class="language-nosuchlang">&lt;b&gt;/);
  assert.equal(parsePost('post/no-more.md').hasMore, false);
  assert.equal(parsePost('post/more-at-end.md').hasMore, false);
  const inline = parsePost('post/inline-more.md');
  assert.equal(inline.hasMore, true);
  assert.match(inline.summaryHtml, /<p>Some text.<\/p>\n$/);
});

test('pages: slug from the path under page/, page fields, [meta] as plain data', () => {
  const about = parsePage('page/about.md');
  assert.equal(about.kind, 'page');
  assert.equal(about.slug, 'about');
  assert.equal(about.path, '/about.html');
  assert.equal(about.hover, 'about');
  assert.equal(about.template, 'page-wide.html');
  assert.equal(about.lang, 'zh');
  assert.equal(about.sort, 2);
  assert.deepEqual(about.meta, {
    github: 'fuxiaohei',
    since: '2014-01-19',
    links: ['a', 'b'],
    extra: { x: 1 },
  });
  assert.equal(Object.getPrototypeOf(about.meta), Object.prototype);
  const nested = parsePage('page/docs/intro.md');
  assert.equal(nested.slug, 'docs/intro');
  assert.equal(nested.path, '/docs/intro.html');
  assert.equal(nested.sort, 0);
  assert.deepEqual(nested.meta, {});
  const ini = parsePage('page/ini-page.md');
  assert.equal(ini.sort, 3);
  assert.deepEqual(ini.meta, { key: 'value' });
});

test('unterminated front matter → PUGO_FRONT_MATTER_UNTERMINATED', () => {
  assert.throws(() => parseFixture('bad/unterminated.md'), {
    code: 'PUGO_FRONT_MATTER_UNTERMINATED',
    file: 'bad/unterminated.md',
    line: 3,
  });
});

test('missing front matter → PUGO_FRONT_MATTER_MISSING', () => {
  assert.throws(() => parseFixture('bad/missing.md'), { code: 'PUGO_FRONT_MATTER_MISSING' });
});

test('invalid TOML → PUGO_FRONT_MATTER_INVALID at the file line', () => {
  assert.throws(() => parseFixture('bad/invalid-toml.md'), {
    code: 'PUGO_FRONT_MATTER_INVALID',
    file: 'bad/invalid-toml.md',
    line: 5,
  });
});

/** A warn/ fixture parsed: the post and the warnings it gave, as [code, line] pairs. */
function warned(id: string, kind: 'post' | 'page' = 'post') {
  const warnings: ContentProblem[] = [];
  const entry = parseFixture(id, context(), kind, warnings);
  for (const w of warnings) {
    assert.equal(w.severity, 'warning');
    assert.equal(w.file, id);
  }
  return { entry, found: warnings.map((w) => [w.code, w.line]) };
}

test('a date pugo cannot read is a warning: the file mtime (or date) is used', () => {
  const bad = warned('warn/bad-date.md');
  assert.deepEqual(bad.found, [['PUGO_DATE_INVALID', 3]]);
  assert.equal(bad.entry.date, new Date(MTIME).toISOString());
  const update = warned('warn/bad-update-date.md');
  assert.deepEqual(update.found, [['PUGO_DATE_INVALID', 4]]);
  assert.equal(update.entry.updated, update.entry.date);
});

test('an author meta.toml does not list is a warning: shown as written, the post built', () => {
  const { entry, found } = warned('warn/unknown-author.md');
  assert.deepEqual(found, [['PUGO_UNKNOWN_AUTHOR', 4]]);
  assert.equal(entry.author, 'nobody');
});

test('authors match [[author]] names case-insensitively, written as meta.toml has them', () => {
  const { entry, found } = warned('warn/author-case.md');
  assert.deepEqual(found, []);
  assert.equal(entry.author, 'fuxiaohei');
});

test('wrong-typed fields are warnings at the field line, with their documented fallbacks', () => {
  const cases: [string, number, 'post' | 'page', (e: Entry) => unknown, unknown][] = [
    ['warn/wrong-title.md', 2, 'post', (e) => e.title, '3'],
    ['warn/wrong-tags.md', 4, 'post', (e) => (e as Post).tags, ['a', 'b']],
    ['warn/wrong-draft.md', 3, 'post', (e) => e.draft, true],
    ['warn/bad-slug.md', 3, 'post', (e) => e.slug, 'bad-slug'],
    ['warn/wrong-sort.md', 3, 'page', (e) => (e as Page).sort, 0],
    ['warn/wrong-meta.md', 3, 'page', (e) => (e as Page).meta, {}],
  ];
  for (const [id, line, kind, read, fallback] of cases) {
    const { entry, found } = warned(id, kind);
    assert.deepEqual(found, [['PUGO_FIELD_INVALID', line]], id);
    assert.deepEqual(read(entry), fallback, id);
  }
});

test('every bad field of a file is reported, not only the first', () => {
  const { entry, found } = warned('warn/many.md');
  assert.deepEqual(found, [
    ['PUGO_DATE_INVALID', 3],
    ['PUGO_UNKNOWN_AUTHOR', 4],
    ['PUGO_FIELD_INVALID', 6],
    ['PUGO_FIELD_INVALID', 5],
  ]);
  assert.deepEqual((entry as Post).tags, ['go', 'web']);
  assert.equal(entry.draft, true);
});

test('a file without a title cannot be read as a post: PUGO_FIELD_INVALID, and its warnings too', () => {
  assert.throws(() => parseFixture('bad/no-title.md'), {
    code: 'PUGO_FIELD_INVALID',
    file: 'bad/no-title.md',
    line: 1,
  });
});

test('regression: CRLF front matter with comments and trailing spaces parses (saved on Windows)', () => {
  const post = parsePost('post/crlf-comments.md');
  assert.equal(post.title, 'Saved on Windows');
  assert.deepEqual(post.tags, ['a', 'b']);
});

test('bad timezone in the context → PUGO_CONFIG_INVALID', () => {
  assert.throws(() => parsePost('post/no-date.md', context({ timezone: 'Nowhere/City' })), {
    code: 'PUGO_CONFIG_INVALID',
  });
});

test('invalid UTF-8 or NUL bytes → PUGO_NOT_UTF8', () => {
  const ctx = context();
  const bad = Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]);
  assert.throws(() => parseEntry(memoryFile('post/bin.md', bad), bad, ctx, []), {
    code: 'PUGO_NOT_UTF8',
    file: 'post/bin.md',
  });
  const latin1 = Buffer.from('```toml\ntitle = "caf\xe9"\n```\n', 'latin1');
  assert.throws(() => parseEntry(memoryFile('post/latin1.md', latin1), latin1, ctx, []), {
    code: 'PUGO_NOT_UTF8',
  });
});

test('empty or blank file → PUGO_EMPTY_FILE', () => {
  assert.throws(() => parseFixture('bad/empty.md'), { code: 'PUGO_EMPTY_FILE' });
  assert.throws(() => parseFixture('bad/blank.md'), { code: 'PUGO_EMPTY_FILE' });
});

test('file over maxFileBytes → PUGO_FILE_TOO_LARGE', () => {
  const big = Buffer.from(`\`\`\`toml\ntitle = "big"\n\`\`\`\n${'x'.repeat(2000)}\n`);
  assert.throws(
    () => parseEntry(memoryFile('post/big.md', big), big, context({ maxFileBytes: 1000 }), []),
    { code: 'PUGO_FILE_TOO_LARGE', file: 'post/big.md' },
  );
});

/** parseEntry of in-memory text as `id`, a post unless the id is under page/. */
function parseText(
  id: string,
  text: string | Buffer,
  ctx = context(),
  warnings: ContentProblem[] = [],
) {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const file = {
    ...memoryFile(id, bytes),
    kind: id.startsWith('page/') ? 'page' : 'post',
  } as const;
  return parseEntry(file, bytes, ctx, warnings);
}

/** The [code, line] of each warning parsing `text` as `id` gives, and the entry. */
function warningsOf(id: string, text: string) {
  const warnings: ContentProblem[] = [];
  const entry = parseText(id, text, context(), warnings);
  return { entry, found: warnings.map((w) => [w.code, w.line]) };
}

test("regression: PUGO_NOT_UTF8 names the first bad byte's line; whole-file errors line 1", () => {
  const latin1 = Buffer.from('```toml\ntitle = "x"\n```\r\nok\r\ncaf\xe9\n', 'latin1');
  assert.throws(() => parseText('post/l.md', latin1), { code: 'PUGO_NOT_UTF8', line: 5 });
  const nul = Buffer.from('```toml\ntitle = "x"\n```\n\n\0\n');
  assert.throws(() => parseText('post/n.md', nul), { code: 'PUGO_NOT_UTF8', line: 5 });
  assert.throws(() => parseText('post/e.md', ''), { code: 'PUGO_EMPTY_FILE', line: 1 });
  const big = 'x'.repeat(2000);
  assert.throws(() => parseText('post/b.md', big, context({ maxFileBytes: 1000 })), {
    code: 'PUGO_FILE_TOO_LARGE',
    line: 1,
  });
});

test('regression: a TOML integer past 2^53 as a title is read as its digits, not a TypeError', () => {
  const { entry, found } = warningsOf('post/a.md', '```toml\ntitle = 9007199254740993\n```\n');
  assert.deepEqual(found, [['PUGO_FIELD_INVALID', 2]]);
  assert.equal(entry.title, '9007199254740993');
});

test('regression: page [meta] with a 2^53+ integer, nan or __proto__ key survives JSON', () => {
  const page = parseText(
    'page/p.md',
    '```toml\ntitle = "P"\n[meta]\nviews = 9007199254740993\n__proto__ = "kept"\nodd = nan\n```\n',
  );
  assert.equal(page.kind, 'page');
  if (page.kind !== 'page') return;
  assert.deepEqual(JSON.parse(JSON.stringify(page.meta)), page.meta);
  assert.equal(page.meta.views, '9007199254740993');
  assert.equal(page.meta.odd, 'NaN');
  assert.equal(Object.getOwnPropertyDescriptor(page.meta, '__proto__')?.value, 'kept');
});

test('regression: a tag with a control character is left out with a warning (%00 was refused)', () => {
  // TOML escapes, as a tag can only carry them: the file itself may hold no NUL.
  for (const tag of ['\\u0000', 'a\\nb', 'a\\tb']) {
    const text = `\`\`\`toml\ntitle = "T"\ntags = ["ok", "${tag}"]\n\`\`\`\n`;
    const { entry, found } = warningsOf('post/a.md', text);
    assert.deepEqual(found, [['PUGO_FIELD_INVALID', 3]]);
    assert.deepEqual((entry as Post).tags, ['ok']);
  }
});

test("regression: a slug with a '.' or empty segment is refused with a warning (never served)", () => {
  for (const slug of ['./a', 'a/./b', 'a/.', 'a//b', '.']) {
    const text = `\`\`\`toml\ntitle = "T"\nslug = "${slug}"\n\`\`\`\n`;
    const { entry, found } = warningsOf('page/a.md', text);
    assert.deepEqual(found, [['PUGO_FIELD_INVALID', 3]], slug);
    assert.equal(entry.slug, 'a', slug);
  }
  assert.equal(parseText('page/a.md', '```toml\ntitle = "T"\nslug = "a/.b"\n```\n').slug, 'a/.b');
});

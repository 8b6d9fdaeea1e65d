// Generated markdown for the parity test: blocks and inline pieces real Pugo posts are made of,
// English and Chinese, put together by fast-check from a fixed seed (the same snippets each run).
import fc from 'fast-check';

const WORDS = ['pugo', 'Go', 'server', 'blog', 'net/http', 'v1.4', '2015', 'heap', 'API', 'don’t'];
const CJK_WORDS = ['中文', '傅小黑', '内存泄漏', '路由', '静态文件', '第一部分', '邮箱', '博客'];
const ASCII_PUNCT = [',', '.', ':', ';', '!', '?', '(', ')', '-', '/'];
const CJK_PUNCT = ['，', '。', '：', '；', '！', '？', '（', '）', '、', '“', '”', '——'];
/** What SmartyPants rewrote: quotes, apostrophes, ellipses, (c) (r) (tm) and fractions. */
const SMARTY = [
  '"quoted"',
  "'single'",
  "it's",
  "don't",
  "we're",
  '...',
  '(c)',
  '(tm)',
  '1/2',
  '3/4',
  '10/20',
  '1/23/2005',
  'a "b" c',
  "''twice''",
  '--',
  '---',
];

const word = fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...CJK_WORDS));

/** Emphasis pieces; a single `*` or `_` closes before space here (the CJK case is kept, see kept-differences). */
const emphasis = fc.oneof(
  word.map((w) => `**${w}**`),
  word.map((w) => `__${w}__`),
  word.map((w) => `*${w}* `),
  word.map((w) => `_${w}_ `),
  word.map((w) => `~~${w}~~`),
  fc.tuple(word, fc.constantFrom(...CJK_PUNCT)).map(([w, p]) => `**${w}${p}**`),
);

const link = fc.oneof(
  word.map((w) => `[${w}](http://example.com/${encodeURIComponent(w)})`),
  word.map((w) => `![${w}](/media/${w.length}.png)`),
  fc.constantFrom(
    'https://github.com/go-xiaohei/pugo ',
    'http://localhost:6060/debug/pprof/ ',
    '<http://pugo.io>',
  ),
  fc.constantFrom('fuxiaohei.me', 'www.example.com', 'me@example.com'),
);

const inlinePiece = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 2, arbitrary: fc.constantFrom(...ASCII_PUNCT, ...CJK_PUNCT) },
  { weight: 2, arbitrary: emphasis },
  { weight: 1, arbitrary: link },
  { weight: 1, arbitrary: word.map((w) => `\`${w}\``) },
  { weight: 2, arbitrary: fc.constantFrom(...SMARTY) },
);

/** A line of text: pieces joined with or without a space, as English and Chinese are. */
const line = fc
  .array(fc.tuple(inlinePiece, fc.constantFrom(' ', '')), { minLength: 1, maxLength: 8 })
  .map((parts) =>
    parts
      .map(([p, sep]) => p + sep)
      .join('')
      .trim(),
  )
  .filter((text) => text !== '' && !/^[-+*#>|\d=]|^\s{4}/.test(text));

const lines = (max: number) => fc.array(line, { minLength: 1, maxLength: max });

const block = fc.oneof(
  { weight: 4, arbitrary: lines(3).map((ls) => ls.join('\n')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 4 }), line)
      .map(([n, l]) => `${'#'.repeat(n)} ${l}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 3 }), word)
      .map(([n, w]) => `${'#'.repeat(n)}${w}`),
  },
  { weight: 1, arbitrary: word.map((w) => `## ${w} {#${w.length}-id}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('- ', '* ', '+ ', '1. '), lines(4))
      .map(([m, ls]) => ls.map((l) => m + l).join('\n')),
  },
  { weight: 1, arbitrary: lines(2).map((ls) => ls.map((l) => `> ${l}`).join('\n')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(word, word, lines(2))
      .map(([a, b, ls]) =>
        [
          `| ${a} | ${b} |`,
          '| --- | :---: |',
          ...ls.map((l) => `| ${l.replaceAll('|', '')} | ${a} |`),
        ].join('\n'),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('go', 'js', 'Go', ''), lines(3))
      .map(([lang, ls]) => `\`\`\`${lang}\n${ls.join('\n\t')}\n\`\`\``),
  },
  { weight: 1, arbitrary: link.map((l) => `<center>${l}</center>`) },
  { weight: 1, arbitrary: line.map((l) => `<div class="note">\n${l}\n</div>`) },
  { weight: 1, arbitrary: fc.constantFrom('***', '- - -', '<!--more-->') },
);

/** A document: blocks with blank lines between them (and, now and then, without). */
export const snippet = fc
  .array(fc.tuple(block, fc.constantFrom('\n\n', '\n\n', '\n')), { minLength: 1, maxLength: 5 })
  .map(
    (parts) =>
      `${parts
        .map(([b, sep]) => b + sep)
        .join('')
        .trimEnd()}\n`,
  );

/** `count` snippets from `seed`: the same every run, so a difference is found again. */
export function snippets(count: number, seed = 20151014): string[] {
  return fc.sample(snippet, { numRuns: count, seed });
}

// The words search splits text into, how they rank, and the passages results show: the same
// functions serve the server's answers and, embedded, the built page's script.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readSearchQuery } from '../../src/search/query.js';
import { SEARCH_SCRIPT } from '../../src/search/search-script.js';
import { SearchIndex } from '../../src/search/site-search.js';
import { excerptHtml, makeTokenizer } from '../../src/search/words.js';
import type { PostSummary } from '../../src/types.js';

const tk = makeTokenizer();

test('Latin words are folded to lower case and NFKC; one letter alone is no term', () => {
  assert.deepEqual(tk.terms('Go’s PPROF: ｐｐｒｏｆ a x 1 heap?debug=1'), [
    'go',
    'pprof',
    'pprof',
    '1',
    'heap',
    'debug',
    '1',
  ]);
});

test('a CJK run is indexed as its overlapping pairs; a query of one character is a prefix', () => {
  assert.deepEqual(tk.terms('一次内存泄露的调优'), [
    '一次',
    '次内',
    '内存',
    '存泄',
    '泄露',
    '露的',
    '的调',
    '调优',
  ]);
  assert.deepEqual(tk.terms('Go 语言'), ['go', '语言']);
  assert.deepEqual(tk.terms('字'), ['字']);
  assert.deepEqual(tk.query('内存泄露'), [
    { term: '内存', prefix: false },
    { term: '存泄', prefix: false },
    { term: '泄露', prefix: false },
  ]);
  assert.deepEqual(tk.query('存'), [{ term: '存', prefix: true }]);
  assert.deepEqual(tk.query('Leak leak'), [{ term: 'leak', prefix: true }]);
});

const summary = (id: string): PostSummary => ({ id }) as PostSummary;

test('every word must match; a prefix finds the words it starts, an exact word ranks above', () => {
  const terms: Record<string, Record<string, number>> = {
    a: { memory: 5, leak: 1 },
    b: { memory: 1, leaks: 1 },
    c: { memory: 1 },
    d: { 内存: 1, 泄露: 1 },
  };
  const index = new SearchIndex(Object.keys(terms).map(summary), (id) => ({
    len: Object.keys(terms[id]).length * 10,
    terms: Object.entries(terms[id]).flat(),
  }));
  const ids = (q: string) => index.search(tk.query(q)).map((h) => h.doc.entry.id);
  assert.deepEqual(ids('memory leak'), ['a', 'b']);
  // 'memory' is a longer word than 'mem' in all three: the shorter text ranks above.
  assert.deepEqual(ids('mem'), ['a', 'c', 'b']);
  assert.deepEqual(ids('memory nothing'), []);
  assert.deepEqual(ids('内存'), ['d']);
  assert.deepEqual(ids('内'), ['d']);
  assert.deepEqual(ids('内存泄露'), [], 'the pair 存泄 is in no text');
});

test('a passage is escaped, marks each word found, and is cut around the first', () => {
  const text = `${'filler '.repeat(40)}the <b>Memory</b> leak & memory's cost${' tail'.repeat(60)}`;
  const html = excerptHtml(text, tk.query('memory'));
  assert.match(html, /^…/);
  assert.match(html, /…$/);
  assert.match(html, /&lt;b&gt;<mark>Memory<\/mark>&lt;\/b&gt; leak &amp; <mark>memory<\/mark>'s/);
  assert.ok(html.length < 400);
  // A prefix is marked to the end of its word; CJK is marked pair by pair.
  assert.equal(excerptHtml('leaking memory', tk.query('leak')), '<mark>leaking</mark> memory');
  assert.equal(excerptHtml('排查内存泄露', tk.query('内存泄露')), '排查<mark>内存泄露</mark>');
  assert.equal(excerptHtml('short text', tk.query('absent')), 'short text');
});

test('queries are bounded: too long, too many words, q twice or bad UTF-8 are refused', () => {
  assert.equal(readSearchQuery('utm_source=x'), null);
  assert.deepEqual(readSearchQuery('q=go+pprof&utm_source=x'), {
    q: 'go pprof',
    words: tk.query('go pprof'),
  });
  assert.equal((readSearchQuery(`q=%00go%1f`) as { q: string }).q, 'go');
  assert.match(readSearchQuery(`q=${'a'.repeat(201)}`) as string, /longer than 200/);
  const words = Array.from({ length: 25 }, (_, i) => `w${i}`).join('+');
  assert.match(readSearchQuery(`q=${words}`) as string, /more than 24 words/);
  assert.match(readSearchQuery('q=a&q=b') as string, /more than once/);
  assert.match(readSearchQuery('q=%FF') as string, /not percent-encoded UTF-8/);
  assert.match(readSearchQuery('q=%E5%86') as string, /not percent-encoded UTF-8/);
});

test('the built page’s script parses, and carries the functions the server ranks with', () => {
  assert.doesNotThrow(() => new Function(SEARCH_SCRIPT));
  for (const name of ['makeTokenizer', 'rankDocuments', 'excerptHtml', 'shardOf']) {
    assert.match(SEARCH_SCRIPT, new RegExp(`function ${name}\\(`));
  }
});

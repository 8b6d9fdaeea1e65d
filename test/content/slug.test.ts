// slugText and slugify: what heading ids and `pugo new post` file names look like.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slugify, slugText } from '../../src/content/slug.js';

test('slugText lowercases, joins words with -, drops punctuation, keeps CJK', () => {
  assert.equal(slugText('Hello World!'), 'hello-world');
  assert.equal(slugText('  Go 语言入门 -- 第一章 '), 'go-语言入门-第一章');
  assert.equal(slugText('Gogs：用二进制才是真正的部署'), 'gogs用二进制才是真正的部署');
  assert.equal(slugText('Ｇｏ１ snake_case'), 'go1-snake_case');
  assert.equal(slugText('?!'), '');
});

test('slugify falls back to a time-based slug when the title has no letters', () => {
  assert.equal(slugify('Hello World!'), 'hello-world');
  assert.equal(slugify('PuGo 一次内存泄露的调优'), 'pugo-一次内存泄露的调优');
  const now = new Date(Date.UTC(2015, 9, 14, 22, 58, 13));
  assert.equal(slugify('!!!', now), 'post-20151014-225813');
});

test('regression: slugText is idempotent when lowercasing or dropping a symbol leaves marks unordered', () => {
  for (const text of ['İ𝅗𝅥', 'İstanbul', 'a\u0301\u{1D157}\u0316']) {
    const slug = slugText(text);
    assert.equal(slugText(slug), slug, JSON.stringify(text));
  }
});

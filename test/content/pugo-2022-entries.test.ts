// Pugo 2022's posts: YAML front matter between --- lines, slugs from titles, description.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PUGO_2022_LINKS } from '../../src/config/defaults.js';
import { splitFrontMatter } from '../../src/content/front-matter.js';
import { parseEntry } from '../../src/content/parse-entry.js';
import type { ContentProblem, SourceFile } from '../../src/types.js';
import { context } from './support.js';

const ctx = context({
  authors: null,
  links: { post: PUGO_2022_LINKS.post, page: PUGO_2022_LINKS.page },
  pageDir: 'content/pages',
  pugo2022: true,
});

function parse(id: string, text: string) {
  const kind = id.startsWith('content/pages/') ? 'page' : 'post';
  const file: SourceFile = { id, kind, abs: `/x/${id}`, mtimeMs: 0, size: text.length };
  const warnings: ContentProblem[] = [];
  const entry = parseEntry(file, Buffer.from(text), ctx, warnings);
  assert.deepEqual(warnings, [], 'Pugo 2022 files parse without a word');
  return entry;
}

test('YAML between --- lines: types as YAML 1.2 has them, a date kept as its text', () => {
  const fm = splitFrontMatter(
    '---\ntitle: A\ndate: 2021-03-04 05:06:07\ndraft: true\ntags: [a, b]\n---\n\nBody\n',
    'content/posts/a.md',
  );
  assert.equal(fm.format, 'yaml');
  assert.deepEqual(
    { ...fm.data },
    {
      title: 'A',
      date: '2021-03-04 05:06:07',
      draft: true,
      tags: ['a', 'b'],
    },
  );
  assert.equal(fm.body, '\nBody\n');
});

test('broken YAML is PUGO_FRONT_MATTER_INVALID at its line of the file', () => {
  assert.throws(() => splitFrontMatter('---\ntitle: A\ntags: [a\n---\nx\n', 'a.md'), {
    code: 'PUGO_FRONT_MATTER_INVALID',
  });
  assert.throws(() => splitFrontMatter('---\n- a list\n---\nx\n', 'a.md'), {
    code: 'PUGO_FRONT_MATTER_INVALID',
    line: 1,
  });
  assert.throws(() => splitFrontMatter('---\ntitle: A\n', 'a.md'), {
    code: 'PUGO_FRONT_MATTER_UNTERMINATED',
  });
});

test('a 2022 post without a slug takes its title; separators in it become "-"', () => {
  const post = parse(
    'content/posts/a.md',
    '---\ntitle: Hello World 你好\ndate: 2021-03-04\n---\nx\n',
  );
  assert.equal(post.slug, 'Hello World 你好');
  assert.equal(post.path, '/2021/03/Hello World 你好/');
  const odd = parse('content/posts/b.md', '---\ntitle: "C# a/b? ok"\ndate: 2021-12-01\n---\nx\n');
  assert.equal(odd.path, '/2021/12/C- a-b- ok/');
});

test('a 2022 page is "/" + its slug as a folder; without one, its path with .md', () => {
  const about = parse('content/pages/about.md', '---\ntitle: About\nslug: /about\n---\nx\n');
  assert.equal(about.path, '/about/');
  const notes = parse('content/pages/notes.md', '---\ntitle: Notes\n---\nx\n');
  assert.equal(notes.path, '/notes.md/');
  const html = parse('content/pages/c.md', '---\ntitle: C\nslug: c.html\n---\nx\n');
  assert.equal(html.path, '/c.html');
});

test('description is the desc; any author name is kept', () => {
  const post = parse(
    'content/posts/c.md',
    '---\ntitle: C\ndescription: about C\nauthor: someone\ndate: 2021-01-01\n---\nx\n',
  );
  assert.equal(post.desc, 'about C');
  assert.equal(post.author, 'someone');
});

// The pugo profile's compatibility rules, one fixture file each (test/fixtures/markdown/): what
// each profile renders for small cases, no Go needed. blackfriday's own output for the same
// cases is what the parity test checks.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { quoteLines } from '../../src/content/markdown/blockquotes.js';
import { expandTabs } from '../../src/content/markdown/code-tabs.js';
import { STEPS } from '../../src/content/markdown/profiles.js';
import { createMarkdown } from '../../src/content/markdown/render.js';
import { smartypants } from '../../src/content/markdown/smartypants.js';

const DIR = fileURLToPath(new URL('../../../test/fixtures/markdown/', import.meta.url));
const renderers = { pugo: createMarkdown('pugo'), commonmark: createMarkdown('commonmark') };

interface Case {
  title: string;
  input: string;
  pugo: string;
  commonmark?: string;
}

/** `=== title`, the markdown, `--- pugo` and its HTML, maybe `--- commonmark` and its HTML. */
function casesOf(text: string): Case[] {
  return text
    .split(/^=== /m)
    .slice(1)
    .map((chunk) => {
      const [head, ...parts] = chunk.split(/^--- (pugo|commonmark)\n/m);
      const newline = head.indexOf('\n');
      const found: Case = {
        title: head.slice(0, newline),
        input: head.slice(newline + 1),
        pugo: '',
      };
      for (let i = 0; i < parts.length; i += 2)
        found[parts[i] as 'pugo' | 'commonmark'] = parts[i + 1];
      return found;
    });
}

const files = readdirSync(DIR).filter((name) => name.endsWith('.md'));

test('every compatibility step has a fixture file, and every fixture file a step', () => {
  const compat = STEPS.filter((s) => s.only === 'pugo').map((s) => `${s.name}.md`);
  assert.deepEqual([...files].sort(), [...compat].sort());
});

for (const file of files) {
  for (const c of casesOf(readFileSync(DIR + file, 'utf8'))) {
    test(`${file.replace(/\.md$/, '')}: ${c.title}`, () => {
      assert.equal(renderers.pugo.render(c.input), c.pugo, 'pugo profile');
      const commonmark = c.commonmark ?? c.pugo;
      assert.equal(renderers.commonmark.render(c.input), commonmark, 'commonmark profile');
    });
  }
}

test('smartypants: quote state starts afresh in each run, and a run start counts as an edge', () => {
  const text = (s: string, before?: string) =>
    smartypants(s, before)
      .map((p) => p.text)
      .join('');
  assert.equal(text('"a"'), '“a”');
  assert.equal(text("'"), '‘', 'alone, with nothing either side: toggled open');
  assert.equal(text('"', '\n'), '“');
  assert.deepEqual(smartypants('1/2').filter((p) => p.html).length, 4);
});

test('code tabs stop every four columns, counted in characters', () => {
  assert.equal(expandTabs('a\tb'), 'a   b');
  assert.equal(expandTabs('中\tb'), '中   b');
  assert.equal(expandTabs('\t\tx'), '        x');
});

test('quote lines: only prefixes, so the line count never changes; fences are left alone', () => {
  const src = '> a\nlazy\n\n> b\n\n```\n> code\nlazy?\n```\n';
  const out = quoteLines(src);
  assert.equal(out.split('\n').length, src.split('\n').length);
  assert.equal(out, '> a\n> lazy\n>\n> b\n\n```\n> code\nlazy?\n```\n');
});

/** Seconds `body` takes to render with the pugo profile. */
function secondsFor(body: string): number {
  const started = performance.now();
  renderers.pugo.render(body);
  return (performance.now() - started) / 1000;
}

// Each took 25 to 50 s (or, for the backticks, minutes) before its rule was made linear; a
// linear pass takes about a second here, so 8 s leaves room for a loaded machine.
test('regression: 20,000 lines of <div> each searched to the end of the post for </div>', () => {
  assert.ok(secondsFor('<div>\n\n'.repeat(20_000)) < 8);
});

test('regression: a line of 30,000 URLs ending in ) each looked back to the line start', () => {
  assert.ok(secondsFor('http://a.b/x) '.repeat(30_000)) < 8);
});

test('regression: 100,000 backticks after a letter retried one shorter each time', () => {
  assert.ok(secondsFor(`a${'`'.repeat(100_000)}b`) < 8);
});

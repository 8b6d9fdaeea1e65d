// Slugs, tags and URLs under fuzz: whatever a post may use as its slug or tags makes links that
// decode back to its paths; slugText and slugify make safe ids and file names from any text.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { slugify, slugText } from '../../src/content/slug.js';
import { anyText, parseText } from './content-inputs.js';
import { checkEntry, linkSurvives } from './entry-checks.js';
import { Tally } from './properties.js';

const tally = new Tally('parsers');

/** A post whose slug and tags are the generated strings, and nothing else odd. */
function postWith(slug: string, tags: string[]): string {
  const tagList = tags.map((t) => JSON.stringify(t)).join(', ');
  const fields = `slug = ${JSON.stringify(slug)}\ntags = [${tagList}]`;
  const block = `title = "T"\ndate = "2015-10-14"\n${fields}`;
  return `\`\`\`toml\n${block}\n\`\`\`\nBody\n`;
}

/** Strings from the characters that matter to paths, plus any Unicode. */
const pathish = fc
  .array(
    fc.oneof(
      fc.constantFrom('/', '.', '..', '\\', '%', '%2f', '%2e', '?', '#', ' ', '\0', '\t', '\n'),
      fc.constantFrom('a', '中文', 'é', 'e\u0301', '\u202e', '\uFEFF', '~', ':', '*', '&'),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => parts.join(''));

/** `text` with each lone surrogate replaced, as writing it as UTF-8 would. */
const wellFormed = (text: string) => text.replace(/\p{Cs}/gu, '\uFFFD');

test('slugs and tags: whatever a post may use makes links that decode back to its paths', () => {
  tally.holds(
    fc.property(pathish, fc.array(pathish, { maxLength: 3 }), fc.boolean(), (slug, tags, page) => {
      // Valid UTF-8 only: TOML refuses lone surrogates before a slug is read.
      const text = postWith(wellFormed(slug), tags.map(wellFormed));
      const entry = parseText(text, page ? 'page' : 'post');
      if (entry) checkEntry(entry);
    }),
    15_000,
  );
});

test('slugText: letters, digits, marks, "_" and inner single "-"; idempotent', () => {
  tally.holds(
    fc.property(fc.oneof(anyText(40), pathish), (text) => {
      const slug = slugText(text);
      assert.match(slug, /^(?:[\p{L}\p{N}\p{M}_]+(?:-[\p{L}\p{N}\p{M}_]+)*)?$/u);
      assert.equal(slugText(slug), slug);
    }),
    10_000,
  );
});

test('slugify: never empty, a safe file name, and a page URL that decodes back to itself', () => {
  tally.holds(
    fc.property(fc.oneof(anyText(40), pathish), (title) => {
      const slug = slugify(title, new Date(Date.UTC(2015, 9, 14)));
      assert.ok(slug.length > 0);
      assert.doesNotMatch(slug, /[/\\\0]|^\.\.?$/);
      linkSurvives(`/${slug}.html`);
    }),
    10_000,
  );
});

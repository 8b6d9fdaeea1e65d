// Parsing on worker threads gives the same entries and errors, in order, as parsing inline.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  contextOf,
  type ParseOutcome,
  PUGO_010_PARSING,
  parseOne,
} from '../../src/content/parse/jobs.js';
import { parseMany } from '../../src/content/parse/many.js';
import type { SourceFile } from '../../src/types.js';

const settings = {
  timezone: 'Asia/Shanghai',
  authors: ['ann'],
  base: '/blog',
  maxFileBytes: 1 << 20,
  ...PUGO_010_PARSING,
  markdown: 'pugo' as const,
};

function job(i: number) {
  const id = `post/p${i}.md`;
  const file: SourceFile = { id, kind: 'post', abs: `/nowhere/${id}`, mtimeMs: 0, size: 0 };
  const text =
    i % 10 === 0
      ? '```toml\ntitle = "broken\n```\n'
      : `\`\`\`toml\ntitle = "Post ${i}"\ndate = "2020-01-01 10:00"\nauthor = "ann"\ntags = ["t${i % 3}"]\n\`\`\`\n\n# Head\n\n\`\`\`go\nfunc main() {}\n\`\`\`\n\n![x](@media/x.png)\n`;
  return { file, bytes: Buffer.from(text) };
}

test('with the main thread sharing, 200 files come back in order, each as parsed alone', async () => {
  const jobs = Array.from({ length: 200 }, (_, i) => job(i));
  // One too big for the main thread, which has no time limit: a worker must take it.
  jobs[7] = { ...jobs[7], bytes: Buffer.concat([jobs[7].bytes, Buffer.alloc(70 * 1024, 'a ')]) };
  const expected = jobs.map((j) =>
    parseOne({ ...j, bytes: Buffer.from(j.bytes) }, contextOf(settings)),
  );
  const seen: ParseOutcome[] = [];
  await parseMany(
    jobs,
    settings,
    { inline: async () => contextOf(settings), shareMainThread: true },
    (i, outcome) => {
      assert.equal(i, seen.length, 'outcomes arrive in file order');
      seen.push(outcome);
    },
  );
  const here = seen.filter((o) => 'entry' in o && !('encoded' in o && o.encoded));
  assert.ok(here.length > 0, 'the main thread parsed some');
  assert.ok(here.length < 180, 'the worker parsed some');
  assert.ok('encoded' in seen[7] && seen[7].encoded, 'the big file went to a worker');
  for (const [i, outcome] of seen.entries()) {
    const want = expected[i];
    if ('entry' in want) {
      assert.ok('entry' in outcome, jobs[i].file.id);
      const { search: _s, ...wanted } = want.entry;
      const got =
        'encoded' in outcome && outcome.encoded
          ? JSON.parse(outcome.encoded.entry)
          : { ...outcome.entry, search: undefined };
      assert.deepEqual(
        { ...got, search: undefined },
        { ...wanted, search: undefined },
        jobs[i].file.id,
      );
    } else {
      assert.ok('error' in outcome && outcome.error.code === want.error.code, jobs[i].file.id);
    }
  }
});

test('200 files parsed on workers equal the same files parsed inline', async () => {
  const jobs = Array.from({ length: 200 }, (_, i) => job(i));
  let inlineUsed = false;
  const viaWorkers: ParseOutcome[] = [];
  await parseMany(
    jobs,
    settings,
    {
      inline: async () => {
        inlineUsed = true;
        return contextOf(settings);
      },
    },
    (i, outcome) => {
      assert.equal(i, viaWorkers.length, 'outcomes arrive in file order');
      viaWorkers.push(outcome);
    },
  );
  assert.equal(inlineUsed, false, 'a batch this size goes to a worker on a machine with 2+ cores');
  const ctx = contextOf(settings);
  // Fresh jobs: parseMany lets go of the bytes it handed to a worker.
  const inline = jobs.map((_, i) => parseOne(job(i), ctx));
  assert.equal(viaWorkers.length, 200);
  for (const [i, outcome] of viaWorkers.entries()) {
    const expected = inline[i];
    if ('entry' in expected) {
      // Workers send the stored JSON and a light entry (no bodies) for the indexes.
      assert.ok('encoded' in outcome && outcome.encoded, jobs[i].file.id);
      const { search, ...entry } = expected.entry;
      assert.deepEqual(JSON.parse(outcome.encoded.entry), entry, jobs[i].file.id);
      assert.equal(entry.kind, 'post', 'the jobs are posts');
      if (entry.kind !== 'post') continue;
      const { html: _h, toc: _t, summaryHtml, ...summary } = entry;
      assert.deepEqual(JSON.parse(outcome.encoded.summary ?? ''), summary);
      // The summary's HTML goes apart too: only the lists that show a post read it.
      assert.equal(JSON.parse(outcome.encoded.summaryHtml ?? ''), summaryHtml);
      // The search terms go apart, as the store keeps them.
      assert.ok(search && outcome.encoded.search, jobs[i].file.id);
      assert.deepEqual(JSON.parse(outcome.encoded.search), search);
      assert.equal(outcome.entry.path, expected.entry.path);
      assert.equal(outcome.entry.html, '');
    } else {
      assert.ok('error' in outcome, jobs[i].file.id);
      assert.equal(outcome.error.code, expected.error.code);
      assert.equal(outcome.error.line, expected.error.line);
      assert.equal(outcome.error.file, `post/p${i}.md`);
    }
  }
});

test('a few files are parsed inline, without starting workers', async () => {
  let inlineUsed = false;
  const out: ParseOutcome[] = [];
  await parseMany(
    [job(1), job(2)],
    settings,
    {
      inline: async () => {
        inlineUsed = true;
        return contextOf(settings);
      },
    },
    (_, outcome) => out.push(outcome),
  );
  assert.equal(inlineUsed, true);
  assert.equal(out.length, 2);
});

/** A post whose body is `body`, for the limit tests. */
function heavyJob(name: string, body: string) {
  const id = `post/${name}.md`;
  const file: SourceFile = { id, kind: 'post', abs: `/nowhere/${id}`, mtimeMs: 0, size: 0 };
  return { file, bytes: Buffer.from(`\`\`\`toml\ntitle = "${name}"\n\`\`\`\n\n${body}`) };
}

const noInline = async (): Promise<never> => {
  throw new Error('parsed inline');
};

test('regression: a file past the time limit is PUGO_RENDER_LIMIT; the rest parse', async () => {
  // A table of 50 columns and 9,000 rows (under the 1 MiB size limit): 2–3 s of work, past 1 s.
  const row = `|${'c|'.repeat(50)}\n`;
  // Three dashes a column: the pugo profile wants blackfriday's delimiter row (tables.ts).
  const table = `|${'h|'.repeat(50)}\n|${'---|'.repeat(50)}\n${row.repeat(9_000)}`;
  const jobs = [heavyJob('before', 'a'), heavyJob('slow', table), heavyJob('after', 'b')];
  const out: ParseOutcome[] = [];
  await parseMany(jobs, { ...settings, timeLimitMs: 1000 }, { inline: noInline }, (_, o) =>
    out.push(o),
  );
  assert.ok('entry' in out[0] && 'entry' in out[2]);
  assert.ok('error' in out[1]);
  assert.equal(out[1].error.code, 'PUGO_RENDER_LIMIT');
  assert.equal(out[1].error.file, 'post/slow.md');
  assert.equal(out[1].error.line, 1);
});

test('regression: one big file parses on a worker, where the time limit holds', async () => {
  const out: ParseOutcome[] = [];
  await parseMany(
    [heavyJob('big', 'word '.repeat(20_000))],
    settings,
    { inline: noInline },
    (_, o) => out.push(o),
  );
  assert.equal(out.length, 1);
  assert.ok('entry' in out[0]);
});

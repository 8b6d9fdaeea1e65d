// Parsers under fuzz: any text or bytes a content file can hold either parses or fails with a
// PUGO_* error naming the file and line: the front-matter splitter, TOML, INI, dates, and whole
// files through parseEntry.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatDate, formatDateTime, localParts, parseDate } from '../../src/content/dates.js';
import { splitFrontMatter } from '../../src/content/front-matter.js';
import { parseIni } from '../../src/content/ini.js';
import { parseEntry } from '../../src/content/parse-entry.js';
import { offsetMs } from '../../src/content/timezone.js';
import type { SourceFile } from '../../src/types.js';
import {
  anyText,
  blockLine,
  ctx,
  fileText,
  ID,
  keyLine,
  linesOfBytes,
  parseText,
  postText,
  sourceFile,
} from './content-inputs.js';
import { checkEntry } from './entry-checks.js';
import { lineCount, parsesOrReports, Tally } from './properties.js';

const tally = new Tally('parsers');

test('front matter: any text splits, or fails with PUGO_FRONT_MATTER_* at a line', () => {
  tally.holds(
    fc.property(fileText, (text) => {
      const fm = parsesOrReports(ID, lineCount(text), () => splitFrontMatter(text, ID));
      if (fm) assert.ok(fm.bodyLine >= 1 && fm.line >= 1);
    }),
    20_000,
  );
});

test('TOML inside a fence: parses or PUGO_FRONT_MATTER_INVALID inside the block', () => {
  const tomlLine = fc.oneof(blockLine, fc.constantFrom('a = [[[[[[', 'a = {b = {c = {', '[a.b.c]'));
  tally.holds(
    fc.property(
      fc.array(tomlLine, { maxLength: 10 }),
      fc.constantFrom('```toml', '+++'),
      (ls, open) => {
        const close = open === '+++' ? '+++' : '```';
        const text = `${open}\n${ls.join('\n')}\n${close}\nBody\n`;
        const fm = parsesOrReports(ID, lineCount(text), () => splitFrontMatter(text, ID));
        if (fm) assert.equal(typeof fm.data, 'object');
      },
    ),
    15_000,
  );
});

test('TOML 10,000 arrays deep is PUGO_FRONT_MATTER_INVALID, not a stack overflow', async () => {
  await tally.case(() => {
    const text = `\`\`\`toml\na = ${'['.repeat(10_000)}\n\`\`\`\n`;
    assert.throws(() => splitFrontMatter(text, ID), { code: 'PUGO_FRONT_MATTER_INVALID' });
  });
});

/** Every table an INI block parsed into is plain data: no key reached a prototype. */
function plainTables(data: Record<string, unknown>): void {
  const proto = Object.getPrototypeOf(data);
  assert.ok(proto === null || proto === Object.prototype, 'a key set a prototype');
  for (const v of Object.values(data)) {
    if (typeof v === 'object' && v !== null) plainTables(v as Record<string, unknown>);
  }
}

test('INI: any block parses into plain tables, or fails at one of its lines', () => {
  tally.holds(
    fc.property(
      fc.array(blockLine, { maxLength: 10 }),
      fc.integer({ min: 1, max: 50 }),
      (ls, first) => {
        const raw = ls.join('\n');
        const data = parsesOrReports(ID, first + ls.length, () => {
          const parsed = parseIni(raw, ID, first);
          return parsed;
        });
        if (data) plainTables(data);
      },
    ),
    15_000,
  );
});

const TIMEZONES = [
  'UTC',
  '+08:00',
  '-14:00',
  '+14:00',
  '-0930',
  'Asia/Shanghai',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Date strings near the edges of every field, in every separator and offset form. */
const dateString = fc
  .record({
    y: fc.integer({ min: 0, max: 9999 }),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    time: fc.option(
      fc.record({
        h: fc.integer({ min: 0, max: 25 }),
        mi: fc.integer({ min: 0, max: 60 }),
        s: fc.option(fc.integer({ min: 0, max: 61 })),
      }),
    ),
    sep: fc.constantFrom(' ', 'T', 't', '  '),
    offset: fc.constantFrom(
      '',
      'Z',
      'z',
      '+08:00',
      '-14:00',
      '+15:00',
      '+0800',
      ' +01:00',
      '+08:60',
    ),
  })
  .map(({ y, mo, d, time, sep, offset }) => {
    const date = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
    if (!time) return date;
    const secs = time.s === null ? '' : `:${pad(time.s)}`;
    return `${date}${sep}${pad(time.h)}:${pad(time.mi)}${secs}${offset}`;
  });

/** Dates as @iarna/toml makes them: Date objects flagged local datetime, local date or time. */
const tomlDate = fc
  .tuple(
    fc.date({ noInvalidDate: false }),
    fc.constantFrom({}, { isFloating: true }, { isDate: true }, { isTime: true }),
  )
  .map(([date, flags]) => Object.assign(new Date(date.getTime()), flags));

const dateValue = fc.oneof(dateString, tomlDate, anyText(24), fc.anything());

test('dates: any value is a four-digit-year ISO date, or PUGO_DATE_INVALID at its line', () => {
  tally.holds(
    fc.property(dateValue, fc.constantFrom(...TIMEZONES), (value, tz) => {
      const iso = parsesOrReports(ID, 9, () => parseDate(value, tz, ID, 'date', 9));
      if (iso === null) return;
      assert.match(iso, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      // A URL's year and the dateline come from these: four digits on the site's calendar too.
      const { year } = localParts(iso, tz);
      assert.ok(year >= 0 && year <= 9999, `year ${year}`);
      assert.match(formatDate(iso, tz), /^\d{4}-\d\d-\d\d$/);
    }),
    20_000,
  );
});

/** Whether the zone's offset changes within a day of `iso`: a wall time there may not exist. */
function nearTransition(iso: string, tz: string): boolean {
  const t = Date.parse(iso);
  return offsetMs(tz, t - 86_400_000) !== offsetMs(tz, t + 86_400_000);
}

test('dates: a wall time reads back to the same text, unless the clocks skipped it', () => {
  const wall = fc
    .record({
      y: fc.integer({ min: 0, max: 9999 }),
      mo: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
      h: fc.integer({ min: 0, max: 23 }),
      mi: fc.integer({ min: 0, max: 59 }),
      s: fc.integer({ min: 0, max: 59 }),
    })
    .map(
      ({ y, mo, d, h, mi, s }) =>
        `${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`,
    );
  tally.holds(
    fc.property(wall, fc.constantFrom(...TIMEZONES), (text, tz) => {
      // The first and last hours of the range may fall outside it in UTC: those are refused.
      const iso = parsesOrReports(ID, 1, () => parseDate(text, tz, ID, 'date', 1));
      if (iso === null) {
        assert.match(text, /^(0000-01-01|9999-12-31) /);
        return;
      }
      const back = formatDateTime(iso, tz);
      if (back !== text)
        assert.ok(nearTransition(iso, tz), `${text} in ${tz} read back as ${back}`);
    }),
    10_000,
  );
});

test('whole files: any text is an entry with usable URLs, or a PUGO_* error at a line', () => {
  tally.holds(
    fc.property(fileText, fc.constantFrom<SourceFile['kind']>('post', 'page'), (text, kind) => {
      const entry = parseText(text, kind);
      if (entry) checkEntry(entry);
    }),
    25_000,
  );
});

test("page [meta]: whatever the table holds, the store's JSON gives the same page back", () => {
  const metaLine = fc.oneof(
    { weight: 4, arbitrary: keyLine },
    fc.constantFrom('[meta.sub]', 'x = 1'),
  );
  tally.holds(
    fc.property(fc.array(metaLine, { maxLength: 8 }), (ls) => {
      const entry = parseText(
        `\`\`\`toml\ntitle = "P"\n[meta]\n${ls.join('\n')}\n\`\`\`\nBody\n`,
        'page',
      );
      if (entry) checkEntry(entry);
    }),
    10_000,
  );
});

test('whole files: any bytes, or a post with bytes broken, parse or fail at a line', () => {
  const broken = fc
    .tuple(
      postText,
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
    )
    .map(([text, edits]) => {
      const bytes = Buffer.from(text);
      for (const [at, byte] of edits) if (bytes.length > 0) bytes[at % bytes.length] = byte;
      return new Uint8Array(bytes);
    });
  tally.holds(
    fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), broken), (bytes) => {
      const file = sourceFile('post', bytes.length);
      const buf = Buffer.from(bytes);
      const entry = parsesOrReports(ID, linesOfBytes(bytes), (warnings) =>
        parseEntry(file, buf, ctx, warnings),
      );
      if (entry) checkEntry(entry);
    }),
    20_000,
  );
});

test('whole files: a file over the size limit fails at line 1, before decoding', async () => {
  await tally.case(() => {
    const bytes = Buffer.alloc(ctx.maxFileBytes + 1, 0xff);
    const file = sourceFile('post', bytes.length);
    assert.throws(() => parseEntry(file, bytes, ctx, []), { code: 'PUGO_FILE_TOO_LARGE', line: 1 });
  });
});

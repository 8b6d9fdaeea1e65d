// parseDate, localParts and formatDate: every accepted form, timezones (fixed, IANA, DST), errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse as parseToml } from '@iarna/toml';
import { formatDate, formatDateTime, localParts, parseDate } from '../../src/content/dates.js';

const at = (value: unknown, tz = 'UTC') => parseDate(value, tz, 'post/a.md', 'date');

test('string forms in UTC', () => {
  assert.equal(at('2015-10-14'), '2015-10-14T00:00:00.000Z');
  assert.equal(at('2015-10-14 22:58'), '2015-10-14T22:58:00.000Z');
  assert.equal(at('2015-10-14 22:58:13'), '2015-10-14T22:58:13.000Z');
  assert.equal(at('2015-10-14T22:58:13'), '2015-10-14T22:58:13.000Z');
  assert.equal(at(' 2015-10-14 22:58:13 '), '2015-10-14T22:58:13.000Z');
});

test('strings with an offset ignore the site timezone', () => {
  assert.equal(at('2015-10-14T22:58:13Z', 'Asia/Shanghai'), '2015-10-14T22:58:13.000Z');
  assert.equal(at('2015-10-14T22:58:13+08:00'), '2015-10-14T14:58:13.000Z');
  assert.equal(at('2015-10-14 22:58:13 -05:00', 'Asia/Shanghai'), '2015-10-15T03:58:13.000Z');
  assert.equal(at('2015-10-14T22:58:13.5+0800'), '2015-10-14T14:58:13.500Z');
});

test('times without an offset are read in Asia/Shanghai and in +08:00 alike', () => {
  for (const tz of ['Asia/Shanghai', '+08:00']) {
    assert.equal(at('2015-10-14 22:58:13', tz), '2015-10-14T14:58:13.000Z', tz);
    assert.equal(at('2015-10-14', tz), '2015-10-13T16:00:00.000Z', tz);
  }
  assert.equal(at('2015-10-14 01:00', '-03:30'), '2015-10-14T04:30:00.000Z');
});

test('America/New_York: summer and winter offsets, the skipped and the repeated hour', () => {
  const ny = 'America/New_York';
  assert.equal(at('2021-07-01 12:00', ny), '2021-07-01T16:00:00.000Z');
  assert.equal(at('2021-01-01 12:00', ny), '2021-01-01T17:00:00.000Z');
  // 02:30 on 14 March 2021 never happened: read with the offset before the jump (03:30 EDT).
  assert.equal(at('2021-03-14 02:30', ny), '2021-03-14T07:30:00.000Z');
  // 01:30 on 7 November 2021 happened twice: the first (EDT) is taken.
  assert.equal(at('2021-11-07 01:30', ny), '2021-11-07T05:30:00.000Z');
  assert.equal(at('2021-11-07 03:00', ny), '2021-11-07T08:00:00.000Z');
});

test('TOML datetimes: offset, local datetime, local date', () => {
  const data = parseToml(
    [
      'a = 2015-10-14T22:58:13+08:00',
      'b = 2015-10-14T22:58:13',
      'c = 2015-10-14',
      'd = 1979-05-27T07:32:00Z',
    ].join('\n'),
  );
  assert.equal(at(data.a, 'UTC'), '2015-10-14T14:58:13.000Z');
  assert.equal(at(data.b, 'Asia/Shanghai'), '2015-10-14T14:58:13.000Z');
  assert.equal(at(data.c, 'Asia/Shanghai'), '2015-10-13T16:00:00.000Z');
  assert.equal(at(data.b, 'UTC'), '2015-10-14T22:58:13.000Z');
  assert.equal(at(data.d, 'America/New_York'), '1979-05-27T07:32:00.000Z');
});

test('unknown forms → PUGO_DATE_INVALID with file, field and line', () => {
  for (const bad of [
    '14/10/2015',
    '2015-10',
    '2015-02-30',
    '2015-10-14 25:00',
    '2015-13-01',
    'yesterday',
    '',
    20151014,
    true,
    null,
    ['2015-10-14'],
    '2015-10-14T22:58:13+99:00',
  ]) {
    assert.throws(() => at(bad), { code: 'PUGO_DATE_INVALID', file: 'post/a.md' }, String(bad));
  }
  assert.throws(() => parseDate('x', 'UTC', 'post/a.md', 'update_date', 4), {
    code: 'PUGO_DATE_INVALID',
    line: 4,
  });
  assert.throws(() => at(parseToml('t = 07:32:00').t), { code: 'PUGO_DATE_INVALID' });
});

test('a bad timezone → PUGO_CONFIG_INVALID', () => {
  for (const tz of ['Mars/Olympus', '+25:00', 'not a zone']) {
    assert.throws(() => at('2015-10-14', tz), { code: 'PUGO_CONFIG_INVALID' }, tz);
  }
  assert.throws(() => localParts('2015-10-14T00:00:00.000Z', 'Mars/Olympus'), {
    code: 'PUGO_CONFIG_INVALID',
  });
});

test('localParts and formatDate show the date in the site timezone', () => {
  const iso = '2015-10-14T16:30:00.000Z';
  assert.deepEqual(localParts(iso, 'UTC'), { year: 2015, month: 10, day: 14 });
  assert.deepEqual(localParts(iso, 'Asia/Shanghai'), { year: 2015, month: 10, day: 15 });
  assert.deepEqual(localParts(iso, '+08:00'), { year: 2015, month: 10, day: 15 });
  assert.deepEqual(localParts('2016-01-01T03:00:00.000Z', 'America/New_York'), {
    year: 2015,
    month: 12,
    day: 31,
  });
  assert.equal(formatDate(iso, 'Asia/Shanghai'), '2015-10-15');
  assert.equal(formatDate('2015-01-05T00:00:00.000Z', 'UTC'), '2015-01-05');
});

test('formatDateTime writes a wall time that parseDate reads back to the same instant', () => {
  const iso = '2021-11-07T05:30:00.000Z';
  for (const tz of ['UTC', 'Asia/Shanghai', '-03:30', 'America/New_York']) {
    const text = formatDateTime(iso, tz);
    assert.equal(parseDate(text, tz, 'p.md', 'date'), iso, `${tz}: ${text}`);
  }
  assert.equal(formatDateTime('2015-10-14T14:58:13.000Z', 'Asia/Shanghai'), '2015-10-14 22:58:13');
});

test('regression: a date past years 0000–9999 is PUGO_DATE_INVALID (+010000 sorts first)', () => {
  const toml = parseToml('late = 9999-12-31T23:59:59-14:00\nearly = 0000-01-01T00:00:00+01:00');
  assert.throws(() => at(toml.late), { code: 'PUGO_DATE_INVALID' });
  assert.throws(() => at(toml.early), { code: 'PUGO_DATE_INVALID' });
  // In range in UTC, but year 10000 on the site's calendar, which the post's URL would show.
  assert.throws(() => at('9999-12-31 23:00:00 Z', '+08:00'), { code: 'PUGO_DATE_INVALID' });
  assert.equal(at('9999-12-31 23:00:00', '+08:00'), '9999-12-31T15:00:00.000Z');
});

test('regression: a Date far outside TOML years is PUGO_DATE_INVALID, not a RangeError', () => {
  const far = Object.assign(new Date(-8.6e15), { isDate: true });
  assert.throws(() => at(far, 'Asia/Shanghai'), { code: 'PUGO_DATE_INVALID' });
});

test('regression: a TOML integer past 2^53 as a date is PUGO_DATE_INVALID, not a TypeError', () => {
  const { big } = parseToml('big = 9007199254740993');
  assert.equal(typeof big, 'bigint');
  assert.throws(() => at(big), { code: 'PUGO_DATE_INVALID', line: undefined });
});

test('regression: year 0000 in an IANA zone stays year 0000 (Intl printed 1 BC as year 1)', () => {
  // Shanghai's local mean time then was +08:05:43.
  const iso = at('0000-06-01 12:00', 'Asia/Shanghai');
  assert.equal(iso, '0000-06-01T03:54:17.000Z');
  assert.equal(formatDateTime(iso, 'Asia/Shanghai'), '0000-06-01 12:00:00');
});

// Post dates: front-matter values (TOML datetimes or strings) → ISO 8601 UTC, and back to the
// calendar date as seen in the site's timezone (for post URLs and display).
import { PugoError } from '../errors.js';
import { assertTimezone, offsetMs, utcMs, wallToUtc } from './timezone.js';

/**
 * 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM', 'YYYY-MM-DD HH:MM:SS' (Pugo's forms), 'T' in place of the
 * space, optional fractions, and an optional 'Z' or '+08:00' offset once a time is given.
 */
const DATE_STRING = new RegExp(
  '^(\\d{4})-(\\d{2})-(\\d{2})' + // date
    '(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?' + // time, seconds, fraction
    '\\s*(Z|[+-]\\d{2}:?\\d{2})?)?$', // offset
  'i',
);

/** @iarna/toml marks its Date subclasses: local datetime, local date, local time. */
interface TomlDate extends Date {
  isFloating?: boolean;
  isDate?: boolean;
  isTime?: boolean;
}

/** The value as the message shows it; TOML integers past 2^53 are BigInts, which JSON refuses. */
function shownValue(value: unknown): string {
  if (value instanceof Date) return String(value);
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'nothing';
}

function invalid(value: unknown, file: string, field: string, line?: number): PugoError {
  const shown = shownValue(value);
  const forms =
    'YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] (optionally with Z or +08:00) or a TOML datetime';
  return new PugoError('PUGO_DATE_INVALID', `${field} ${shown} is not a date; use ${forms}`, {
    file,
    line,
  });
}

/**
 * Four-digit years, in UTC and in the site's zone: ISO dates then sort as text (the store's date
 * keys) and URLs read /2015/…. A TOML datetime such as 9999-12-31T23:59:59-14:00 lands in year
 * 10000, whose ISO form '+010000-…' would sort before every other post.
 */
function fourDigitYears(ms: number, timezone: string): boolean {
  const inRange = (year: number) => year >= 0 && year <= 9999;
  // UTC first: within its range the zone's offset can always be read.
  if (!inRange(new Date(ms).getUTCFullYear())) return false;
  return inRange(new Date(ms + offsetMs(timezone, ms)).getUTCFullYear());
}

const LAST_FORMATTED_MS = 8.64e15 - 2 * 86_400_000;

function fromTomlDate(value: TomlDate, timezone: string): number | null {
  if (Number.isNaN(value.getTime()) || value.isTime) return null;
  // Intl, which reads the zone's offset a day either side, formats no date past ±8.64e15 ms.
  if (Math.abs(value.getTime()) > LAST_FORMATTED_MS) return null;
  // Local datetimes and dates carry the wall time in their UTC fields: read it in the site's zone.
  if (value.isFloating || value.isDate) return wallToUtc(value.getTime(), timezone);
  return value.getTime();
}

function offsetOf(text: string): number {
  if (text.toUpperCase() === 'Z') return 0;
  const digits = text.replace(':', '');
  const hours = Number(digits.slice(1, 3));
  const minutes = Number(digits.slice(3, 5));
  if (hours > 14 || minutes > 59) return Number.NaN;
  const ms = (hours * 60 + minutes) * 60_000;
  return digits[0] === '-' ? -ms : ms;
}

function fromString(text: string, timezone: string): number | null {
  const m = DATE_STRING.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((s) => Number(s ?? 0));
  const ms = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const wall = utcMs(year, month, day, hour, minute, second, ms);
  const back = new Date(wall);
  // Dates roll over (2015-02-30 becomes 2 March): one that does not survive the trip is not real.
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  if (m[8] !== undefined) return wall - offsetOf(m[8]);
  return wallToUtc(wall, timezone);
}

/**
 * A front-matter date as an ISO 8601 UTC string. Times without an offset are read in `timezone`.
 * Throws PUGO_DATE_INVALID (naming `field`) for anything else, PUGO_CONFIG_INVALID for a bad zone.
 */
export function parseDate(
  value: unknown,
  timezone: string,
  file: string,
  field: string,
  line?: number,
): string {
  assertTimezone(timezone);
  let ms: number | null = null;
  if (value instanceof Date) ms = fromTomlDate(value, timezone);
  else if (typeof value === 'string') ms = fromString(value, timezone);
  if (ms === null || !Number.isFinite(ms)) throw invalid(value, file, field, line);
  if (!fourDigitYears(ms, timezone)) {
    const message = `${field} ${shownValue(value)} is outside the years 0000–9999`;
    throw new PugoError('PUGO_DATE_INVALID', message, { file, line });
  }
  return new Date(ms).toISOString();
}

/** The calendar date of `iso` as seen in `timezone`: what a post's URL and its dateline show. */
export function localParts(
  iso: string,
  timezone: string,
): { year: number; month: number; day: number } {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) throw new TypeError(`localParts: not an ISO date: ${iso}`);
  const local = new Date(instant + offsetMs(timezone, instant));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' of `iso` in `timezone`. */
export function formatDate(iso: string, timezone: string): string {
  const { year, month, day } = localParts(iso, timezone);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/**
 * 'YYYY-MM-DD HH:MM:SS' of `iso` in `timezone`: the form to write into new front matter, which
 * parseDate reads back in the same zone to the same instant (a UTC time written there would
 * move the post by the zone's offset, into the future west of Greenwich).
 */
export function formatDateTime(iso: string, timezone: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) throw new TypeError(`formatDateTime: not an ISO date: ${iso}`);
  // The zone's wall time, shifted into UTC fields so toISOString prints it.
  const local = new Date(instant + offsetMs(timezone, instant));
  return local.toISOString().slice(0, 19).replace('T', ' ');
}

// The site's timezone ([meta] timezone): an IANA name read through Intl, or a fixed '+08:00'.
import { PugoError } from '../errors.js';

const FIXED_OFFSET = /^([+-])(\d{2}):?(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. Zones come
 * from config, so there are few; the cap only guards against a caller passing arbitrary strings.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 32;

function fixedOffsetMs(timezone: string): number | null {
  const m = FIXED_OFFSET.exec(timezone);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

function formatterFor(timezone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timezone);
  if (cached) return cached;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      // Without the era, 1 BC prints as year 1: a date in year 0000 was read two years off.
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (cause) {
    const hint = 'use an IANA name such as "Asia/Shanghai" or an offset such as "+08:00"';
    throw new PugoError('PUGO_CONFIG_INVALID', `unknown timezone "${timezone}": ${hint}`, {
      cause,
    });
  }
  if (formatters.size >= MAX_FORMATTERS) formatters.clear();
  formatters.set(timezone, fmt);
  return fmt;
}

/** Date.UTC with a 1-based month, and without its habit of reading years 0–99 as 1900–1999. */
export function utcMs(
  year: number,
  month: number,
  day: number,
  h = 0,
  m = 0,
  s = 0,
  ms = 0,
): number {
  const date = new Date(Date.UTC(2000, month - 1, day, h, m, s, ms));
  if (year !== 2000) date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/** Throws PUGO_CONFIG_INVALID unless `timezone` is an IANA zone name or a '+08:00' offset. */
export function assertTimezone(timezone: string): void {
  if (timezone === 'UTC' || fixedOffsetMs(timezone) !== null) return;
  formatterFor(timezone);
}

/** How far the zone's wall clock is ahead of UTC at `instantMs`, in ms (DST included). */
export function offsetMs(timezone: string, instantMs: number): number {
  if (timezone === 'UTC') return 0;
  const fixed = fixedOffsetMs(timezone);
  if (fixed !== null) return fixed;
  // Whole seconds: Intl drops milliseconds, and historic zones have offsets like +08:05:43.
  const instant = Math.floor(instantMs / 1000) * 1000;
  const fmt = formatterFor(timezone);
  // format() is about four times faster than formatToParts(); en-US numeric h23 with the era
  // prints '10/14/2015 AD, 22:58:13'. Any other shape (another ICU) goes the slow, sure way.
  const m = EN_US.exec(fmt.format(instant));
  const f = m ? wallOf(m) : partsOf(fmt, instant);
  return utcMs(f[2], f[0], f[1], f[3], f[4], f[5]) - instant;
}

const EN_US = /^(\d+)\/(\d+)\/(\d+) (AD|BC),? (\d+):(\d+):(\d+)$/;

/** Years as Date counts them: 1 BC is year 0, 2 BC year -1. */
const astronomical = (year: number, era: string | undefined) => (era === 'BC' ? 1 - year : year);

/** [month, day, year, hour, minute, second] of an EN_US match. */
function wallOf(m: RegExpExecArray): number[] {
  const [month, day, year, era, hour, minute, second] = m.slice(1);
  const fields = [month, day, year, hour, minute, second].map(Number);
  fields[2] = astronomical(fields[2], era);
  return fields;
}

/** [month, day, year, hour, minute, second], as wallOf gives them. */
function partsOf(fmt: Intl.DateTimeFormat, instant: number): number[] {
  const f: Record<string, number> = {};
  let era: string | undefined;
  for (const part of fmt.formatToParts(instant)) {
    if (part.type === 'era') era = part.value;
    else if (part.type !== 'literal') f[part.type] = Number(part.value);
  }
  return [f.month, f.day, astronomical(f.year, era), f.hour, f.minute, f.second];
}

/**
 * The instant at which the zone's clock shows `wallMs` (a wall time encoded as if it were UTC).
 * A time shown twice (autumn) resolves to the earlier instant; a time skipped (spring) is read
 * with the offset in force before the jump, as Temporal's 'compatible' disambiguation does.
 */
export function wallToUtc(wallMs: number, timezone: string): number {
  const before = offsetMs(timezone, wallMs - DAY_MS);
  const after = offsetMs(timezone, wallMs + DAY_MS);
  // No transition within a day either side (nearly always): the offset is the answer.
  if (before === after) return wallMs - before;
  const candidates = [wallMs - before, wallMs - after].filter(
    (t) => t + offsetMs(timezone, t) === wallMs,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return wallMs - before;
}

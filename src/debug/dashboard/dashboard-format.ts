// How figures read on the dashboard and in the watchdog's warning: bytes, spans of time, HTML.

import { EXTERNAL_FRAME } from '../pprof/heap-sampler.js';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 → "1.5 KiB"; three significant figures are enough to compare, and fit a table cell. */
export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  // Number() drops trailing zeros: "50 MiB" on an axis, not "50.0 MiB".
  return `${sign}${Number(value.toFixed(digits))} ${UNITS[unit]}`;
}

/** 90 → "1 min 30 s", 7200 → "2 h"; whole seconds, the two largest units. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const parts: [number, string][] = [
    [Math.floor(s / 86400), 'd'],
    [Math.floor(s / 3600) % 24, 'h'],
    [Math.floor(s / 60) % 60, 'min'],
    [s % 60, 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first < 0) return '0 s';
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}`)
    .join(' ');
}

/** Thousands separators by hand, as the site does (ICU's first load costs 25 ms). */
export function formatCount(n: number): string {
  const [whole, fraction] = String(Math.round(n * 100) / 100).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Everything a profile or the site names (functions, files, routes) goes through here: a
 * function can be called anything a string can say, `<script>` included.
 */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A file path without the part every path shares, so a table cell shows what differs. */
export function shortFile(file: string, cwd = process.cwd()): string {
  if (file.startsWith('file://')) file = file.slice('file://'.length);
  return file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
}

/** Where a function lives; V8's built-ins and the sampler's external entry have no file. */
export function placeOf(name: string, file: string, line: number): string {
  if (name === EXTERNAL_FRAME) return 'outside the V8 heap';
  if (file === '') return 'V8 built-in';
  return line > 0 ? `${shortFile(file)}:${line}` : shortFile(file);
}

/**
 * A function's name over where it lives. The place is cut from its start when too long (the
 * file name matters more than the folders), and kept left to right inside, so a leading "/"
 * is not moved to the end by the right-to-left trick that cuts it.
 */
export function functionLabel(name: string, file: string, line: number): string {
  const place = esc(placeOf(name, file, line));
  return `<span class="fn"><b>${esc(name)}</b><small title="${place}"><span dir="ltr">${place}</span></small></span>`;
}

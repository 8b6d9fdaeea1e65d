// Typed reads of front-matter fields, each failure a PUGO_FIELD_INVALID at the field's own line.
import { PugoError } from '../errors.js';
import type { FrontMatter } from './front-matter.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Comma lists in INI tags; '，' too, as Chinese keyboards type it. */
const TAG_SEPARATOR = /[,，]/;

/**
 * Reads fields of one file's front matter. INI values are all strings, so in an ```ini block
 * 'true' reads as a boolean, '3' as a number and 'a,b' as a list.
 */
export class FrontMatterFields {
  readonly #fm: FrontMatter;
  readonly #file: string;
  #lines: string[] | undefined;

  constructor(fm: FrontMatter, file: string) {
    this.#fm = fm;
    this.#file = file;
  }

  /** The value as parsed, undefined when absent. */
  raw(key: string): unknown {
    return Object.hasOwn(this.#fm.data, key) ? this.#fm.data[key] : undefined;
  }

  /** The file line of `key = …` (or `[key]`); the opening fence's line when not found. */
  lineOf(key: string): number {
    const k = escapeRegExp(key);
    const re = new RegExp(`^\\s*(?:${k}|"${k}"|'${k}')\\s*[=:]|^\\s*\\[\\s*${k}\\s*\\]`);
    this.#lines ??= this.#fm.raw.split('\n');
    const index = this.#lines.findIndex((line) => re.test(line));
    return index === -1 ? this.#fm.line : this.#fm.line + 1 + index;
  }

  fail(key: string, message: string): never {
    throw new PugoError('PUGO_FIELD_INVALID', `${key} ${message}`, {
      file: this.#file,
      line: this.lineOf(key),
    });
  }

  string(key: string, fallback = ''): string {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    if (typeof value !== 'string') this.fail(key, `must be a string, not ${typeName(value)}`);
    return value.trim();
  }

  boolean(key: string, fallback: boolean): boolean {
    let value = this.raw(key);
    if (value === undefined || value === '') return fallback;
    if (this.#fm.format === 'ini' && typeof value === 'string') {
      const lower = value.toLowerCase();
      if (lower === 'true' || lower === 'false') value = lower === 'true';
    }
    if (typeof value !== 'boolean') this.fail(key, `must be true or false, not ${typeName(value)}`);
    return value;
  }

  number(key: string, fallback: number): number {
    let value = this.raw(key);
    if (value === undefined || value === '') return fallback;
    if (this.#fm.format === 'ini' && typeof value === 'string') value = Number(value);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(key, `must be a number, not ${typeName(value)}`);
    }
    return value;
  }

  /** Trimmed, empty ones dropped, repeats dropped (case-sensitively: 'beego', 'Beego' differ). */
  stringList(key: string): string[] {
    let value = this.raw(key);
    if (value === undefined) return [];
    if (this.#fm.format === 'ini' && typeof value === 'string') value = value.split(TAG_SEPARATOR);
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      this.fail(key, 'must be an array of strings');
    }
    const list = (value as string[]).map((v) => v.trim()).filter((v) => v !== '');
    return [...new Set(list)];
  }

  table(key: string): Record<string, unknown> {
    const value = this.raw(key);
    if (value === undefined) return {};
    if (
      typeof value !== 'object' ||
      value === null ||
      Array.isArray(value) ||
      value instanceof Date
    ) {
      this.fail(key, `must be a table ([${key}]), not ${typeName(value)}`);
    }
    return toPlain(value) as Record<string, unknown>;
  }
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a table';
  // String(), not JSON: a TOML integer past 2^53 is a BigInt, which JSON.stringify refuses.
  return `${typeof value} ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
}

/**
 * Plain JSON-safe data, so a page's meta survives the store: TOML dates as their ISO text,
 * integers past 2^53 (BigInts, which JSON.stringify refuses) as their digits, and nan and inf
 * (which JSON would turn into null) as 'NaN' and 'Infinity'.
 */
function toPlain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object' && value !== null) {
    // fromEntries defines each key, so a '__proto__' key stays a key instead of a prototype.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

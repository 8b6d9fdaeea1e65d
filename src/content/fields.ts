// Typed reads of front-matter fields, each failure a PUGO_FIELD_INVALID at the field's own line.
import { PugoError, type PugoErrorCode } from '../errors.js';
import type { ContentProblem } from '../types.js';
import type { FrontMatter } from './front-matter.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Comma lists in INI tags; '，' too, as Chinese keyboards type it. */
const TAG_SEPARATOR = /[,，]/;

/**
 * Reads fields of one file's front matter. INI values are all strings, so in an ```ini block
 * 'true' reads as a boolean, '3' as a number and 'a,b' as a list.
 *
 * A value of the wrong type is a warning, not a lost post: each read says in its warning what it
 * used instead (the README's front-matter table lists the fallbacks), and the post is built.
 */
export class FrontMatterFields {
  readonly #fm: FrontMatter;
  readonly #file: string;
  readonly #warnings: ContentProblem[];
  #lines: string[] | undefined;

  /** Warnings are pushed onto `warnings`, which the caller reports with the file's outcome. */
  constructor(fm: FrontMatter, file: string, warnings: ContentProblem[]) {
    this.#fm = fm;
    this.#file = file;
    this.#warnings = warnings;
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

  /** A field the file cannot be read without (a title): the file is left out. */
  fail(key: string, message: string): never {
    throw new PugoError('PUGO_FIELD_INVALID', `${key} ${message}`, {
      file: this.#file,
      line: this.lineOf(key),
    });
  }

  /** A bad value read with a fallback: reported, and the file is still built. */
  warn(key: string, message: string, code: PugoErrorCode = 'PUGO_FIELD_INVALID'): void {
    const line = this.lineOf(key);
    this.#warnings.push({ severity: 'warning', code, file: this.#file, line, message });
  }

  /** A number or boolean reads as its text (`title = 2015`); a list or table as `fallback`. */
  string(key: string, fallback = ''): string {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    if (typeof value === 'string') return value.trim();
    if (['number', 'bigint', 'boolean'].includes(typeof value)) {
      this.warn(key, `${key} must be a string, not ${typeName(value)}; read as "${value}"`);
      return String(value);
    }
    this.warn(key, `${key} must be a string, not ${typeName(value)}; ${shown(fallback)} used`);
    return fallback;
  }

  /** `invalid` is what a value that is neither true nor false reads as (say 'draft = "yes"'). */
  boolean(key: string, fallback: boolean, invalid = fallback, why = ''): boolean {
    let value = this.raw(key);
    if (value === undefined || value === '') return fallback;
    if (typeof value === 'string') {
      const lower = value.trim().toLowerCase();
      if (lower === 'true' || lower === 'false') value = lower === 'true';
    }
    if (typeof value === 'boolean') return value;
    const reason = why ? ` (${why})` : '';
    this.warn(
      key,
      `${key} must be true or false, not ${typeName(value)}; read as ${invalid}${reason}`,
    );
    return invalid;
  }

  number(key: string, fallback: number): number {
    let value = this.raw(key);
    if (value === undefined || value === '') return fallback;
    if (typeof value === 'string' && value.trim() !== '') value = Number(value);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.warn(key, `${key} must be a number, not ${typeName(this.raw(key))}; ${fallback} used`);
      return fallback;
    }
    return value;
  }

  /**
   * Trimmed, empty ones dropped, repeats dropped (case-sensitively: 'beego', 'Beego' differ). A
   * string is read as a comma list, as Pugo's INI form wrote tags; other values are dropped.
   */
  stringList(key: string): string[] {
    const value = this.raw(key);
    if (value === undefined) return [];
    let list: unknown[];
    if (typeof value === 'string') {
      if (this.#fm.format !== 'ini') {
        this.warn(key, `${key} must be an array of strings; the string is read as a comma list`);
      }
      list = value.split(TAG_SEPARATOR);
    } else if (Array.isArray(value)) {
      list = value.filter((v) => typeof v === 'string');
      if (list.length < value.length) {
        this.warn(key, `${key} must be an array of strings; the values that are not are left out`);
      }
    } else {
      this.warn(key, `${key} must be an array of strings, not ${typeName(value)}; none used`);
      list = [];
    }
    const strings = (list as string[]).map((v) => v.trim()).filter((v) => v !== '');
    return [...new Set(strings)];
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
      this.warn(key, `${key} must be a table ([${key}]), not ${typeName(value)}; none used`);
      return {};
    }
    return toPlain(value) as Record<string, unknown>;
  }
}

/** How a fallback string reads in a warning. */
function shown(fallback: string): string {
  return fallback === '' ? 'none' : JSON.stringify(fallback);
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

// Typed readers for one TOML table: each names the file and key when a value has the wrong type.

import { PugoError } from '../errors.js';

export type Table = Record<string, unknown>;

export class TableReader {
  constructor(
    private readonly table: Table,
    private readonly file: string,
    private readonly where: string,
  ) {}

  fail(key: string, want: string): never {
    const got = JSON.stringify(this.table[key]);
    throw new PugoError('PUGO_CONFIG_INVALID', `${this.where}${key} must be ${want}, got ${got}`, {
      file: this.file,
    });
  }

  /** The value as parsed, undefined when absent. */
  raw(key: string): unknown {
    return this.table[key];
  }

  str(key: string, fallback = ''): string {
    const v = this.table[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'string') this.fail(key, 'a string');
    return v;
  }

  /** The string, or null when the key is absent (so "" can mean something of its own). */
  optStr(key: string): string | null {
    return this.table[key] === undefined ? null : this.str(key);
  }

  /** One of `choices`, as written. */
  oneOf<T extends string>(key: string, choices: readonly T[], fallback: T): T {
    const v = this.str(key, fallback);
    if (!(choices as readonly string[]).includes(v)) {
      this.fail(key, choices.map((c) => JSON.stringify(c)).join(' or '));
    }
    return v as T;
  }

  bool(key: string, fallback = false): boolean {
    const v = this.table[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') this.fail(key, 'true or false');
    return v;
  }

  int(key: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.table[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.fail(key, `a whole number from ${min} to ${max}`);
    }
    return v;
  }

  section(key: string): TableReader {
    const v = this.table[key] ?? {};
    if (typeof v !== 'object' || Array.isArray(v)) this.fail(key, 'a table');
    return new TableReader(v as Table, this.file, `[${key}] `);
  }

  tables(key: string): TableReader[] {
    const v = this.table[key] ?? [];
    if (!Array.isArray(v)) this.fail(key, `an array of tables ([[${key}]])`);
    return v.map((t, i) => {
      if (typeof t !== 'object' || t === null) this.fail(key, 'an array of tables');
      return new TableReader(t as Table, this.file, `[[${key}]] #${i + 1}: `);
    });
  }
}

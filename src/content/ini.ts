// Pugo's older ```ini front matter: `key = value` lines, `[section]` tables, values maybe quoted.
import { PugoError } from '../errors.js';

const SECTION = /^\[\s*([^\]]+?)\s*\]$/;

/** Strips one pair of matching quotes, as go-ini (which Pugo used) did; no escapes are read. */
function unquote(value: string): string {
  const q = value[0];
  if (value.length >= 2 && (q === '"' || q === "'" || q === '`') && value.at(-1) === q) {
    return value.slice(1, -1);
  }
  return value;
}

/** Index of the key/value separator: the first '=' or ':', as in go-ini. */
function separatorAt(line: string): number {
  const eq = line.indexOf('=');
  const colon = line.indexOf(':');
  if (eq === -1) return colon;
  if (colon === -1) return eq;
  return Math.min(eq, colon);
}

/**
 * Sets `key` as an own property: `table['__proto__'] = x` would swap the table's prototype
 * instead, and every key after a `[__proto__]` section would vanish from the front matter.
 */
function setKey(table: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(table, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * Parses an INI block into plain data: every value a string, `[name]` sections as nested
 * objects. `firstLine` is the file line of the block's first line, for error reports.
 */
export function parseIni(raw: string, file: string, firstLine: number): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  let table = data;
  const lines = raw.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line[0] === ';' || line[0] === '#') continue;
    const section = SECTION.exec(line);
    if (section) {
      table = {};
      setKey(data, section[1], table);
      continue;
    }
    const at = separatorAt(line);
    const key = at > 0 ? line.slice(0, at).trim() : '';
    if (key === '') {
      const message = `front matter line is not "key = value": ${JSON.stringify(line)}`;
      throw new PugoError('PUGO_FRONT_MATTER_INVALID', message, { file, line: firstLine + i });
    }
    setKey(table, key, unquote(line.slice(at + 1).trim()));
  }
  return data;
}

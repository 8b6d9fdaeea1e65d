// Theme strings: content/lang/<code>.toml → { code: { 'section.key': text } }.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseToml } from '@iarna/toml';
import { PugoError } from '../errors.js';

type Strings = Record<string, string>;

/** Nested tables become 'section.key'; scalars become their text. */
function flatten(
  table: Record<string, unknown>,
  prefix: string,
  out: Strings,
  file: string,
): Strings {
  for (const [key, value] of Object.entries(table)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value instanceof Date) out[name] = value.toISOString();
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      flatten(value as Record<string, unknown>, name, out, file);
    } else if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      out[name] = String(value);
    } else {
      throw new PugoError('PUGO_CONFIG_INVALID', `${name} must be a string`, { file });
    }
  }
  return out;
}

function parseLangFile(text: string, file: string): Strings {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: Record<string, unknown>;
  try {
    data = parseToml(src) as Record<string, unknown>;
  } catch (cause) {
    const err = cause as { line?: unknown; message?: unknown };
    const first = String(err.message ?? cause).split('\n')[0];
    const message = `invalid TOML: ${first.replace(/ at row \d+, col \d+, pos \d+:?$/, '')}`;
    // @iarna/toml counts lines from 0.
    const line = typeof err.line === 'number' ? err.line + 1 : undefined;
    throw new PugoError('PUGO_CONFIG_INVALID', message, { file, line, cause });
  }
  return flatten(data, '', {}, file);
}

/**
 * Reads every lang/*.toml of `contentDir`. A site without a lang folder has no strings (themes
 * then show the keys). Errors name the file as 'lang/<code>.toml', like content ids.
 */
export async function loadLang(contentDir: string): Promise<Record<string, Strings>> {
  const dir = join(contentDir, 'lang');
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  const codes = names.filter((n) => !n.startsWith('.') && n.endsWith('.toml')).sort();
  const texts = await Promise.all(codes.map((n) => readFile(join(dir, n), 'utf8')));
  const langs: Record<string, Strings> = {};
  codes.forEach((name, i) => {
    langs[name.slice(0, -'.toml'.length)] = parseLangFile(texts[i], `lang/${name}`);
  });
  return langs;
}

// Theme strings: content/lang/<code>.toml → { code: { 'section.key': text } }.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isPugoError, PugoError } from '../errors.js';
import type { ContentProblem } from '../types.js';
import { readToml } from './toml.js';

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
  return flatten(readToml(text, { file, code: 'PUGO_CONFIG_INVALID' }), '', {}, file);
}

export interface LoadedLang {
  langs: Record<string, Strings>;
  /** Lang files that could not be read: each is left out, so its keys fall back (warnings). */
  problems: ContentProblem[];
}

/**
 * Reads every lang/*.toml of `contentDir`. A site without a lang folder has no strings (themes
 * then show their own, or the keys). A broken file is a warning, not a stopped site, as in Pugo:
 * its language falls back to the theme's strings and then to the keys. Files are named as
 * 'lang/<code>.toml', like content ids.
 */
export async function loadLang(contentDir: string): Promise<LoadedLang> {
  const dir = join(contentDir, 'lang');
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  const codes = names.filter((n) => !n.startsWith('.') && n.endsWith('.toml')).sort();
  const texts = await Promise.all(codes.map((n) => readFile(join(dir, n), 'utf8')));
  const loaded: LoadedLang = { langs: {}, problems: [] };
  codes.forEach((name, i) => {
    const file = `lang/${name}`;
    try {
      loaded.langs[name.slice(0, -'.toml'.length)] = parseLangFile(texts[i], file);
    } catch (err) {
      if (!isPugoError(err)) throw err;
      const fallback = "its strings fall back to the theme's, then to the keys";
      loaded.problems.push({
        severity: 'warning',
        code: err.code,
        file,
        line: err.line,
        message: `${err.message}; ${fallback}`,
      });
    }
  });
  return loaded;
}

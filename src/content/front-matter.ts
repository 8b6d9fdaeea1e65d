// Splits a post or page into its front matter (```toml, ```ini, Hugo's +++ or YAML between ---
// lines, as Pugo 2022 read it) and markdown body.
import { createRequire } from 'node:module';
import { PugoError } from '../errors.js';
import { parseIni } from './ini.js';
import { normalizeText, readToml } from './toml.js';

/**
 * yaml is loaded the first time a file has YAML front matter: only Pugo 2022 sites use it, and
 * its 30 ms of loading would be paid by every build that parses a post. Synchronously, as the
 * parse is (yaml ships CommonJS for Node).
 */
const require = createRequire(import.meta.url);
let yaml: typeof import('yaml') | null = null;

export type FrontMatterFormat = 'toml' | 'ini' | 'plus' | 'yaml';

export interface FrontMatter {
  format: FrontMatterFormat;
  data: Record<string, unknown>;
  body: string;
  /** File line (1-based) where the body starts. */
  bodyLine: number;
  /** File line of the opening fence: where errors without a better line point. */
  line: number;
  /** The block between the fences, for finding the line of a key. Its first line is `line + 1`. */
  raw: string;
}

interface Opener {
  format: FrontMatterFormat;
  isClose: (line: string) => boolean;
}

const isFenceClose = (line: string) => line.trim() === '```';

function openerOf(line: string): Opener | null {
  const trimmed = line.trim();
  if (trimmed === '+++') return { format: 'plus', isClose: (l) => l.trim() === '+++' };
  if (trimmed === '---') return { format: 'yaml', isClose: (l) => l.trim() === '---' };
  const fence = /^```\s*(toml|ini)$/i.exec(trimmed);
  if (!fence) return null;
  return { format: fence[1].toLowerCase() as 'toml' | 'ini', isClose: isFenceClose };
}

/** The line starting at `pos` (without its '\n') and where the next one starts. */
function lineAt(text: string, pos: number): { text: string; next: number } {
  const end = text.indexOf('\n', pos);
  if (end === -1) return { text: text.slice(pos), next: text.length + 1 };
  return { text: text.slice(pos, end), next: end + 1 };
}

/**
 * YAML 1.2's core schema, as Go's yaml.v3 decoded Pugo 2022's string fields: `date: 2020-01-02
 * 10:00` stays the text it is (YAML 1.1 would make it a timestamp), `draft: true` a boolean.
 */
function yamlData(raw: string, file: string, firstLine: number): Record<string, unknown> {
  let data: unknown;
  try {
    yaml ??= require('yaml') as typeof import('yaml');
    data = yaml.parse(raw, { schema: 'core' });
  } catch (cause) {
    const at = yaml && cause instanceof yaml.YAMLParseError ? cause.linePos?.[0]?.line : undefined;
    const message = String((cause as Error).message ?? cause).split('\n')[0];
    throw new PugoError('PUGO_FRONT_MATTER_INVALID', `invalid YAML: ${message}`, {
      file,
      line: at === undefined ? firstLine - 1 : firstLine + at - 1,
      cause,
    });
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    const message = 'invalid YAML: front matter must be `key: value` lines';
    throw new PugoError('PUGO_FRONT_MATTER_INVALID', message, { file, line: firstLine - 1 });
  }
  return data as Record<string, unknown>;
}

function parseBlock(format: FrontMatterFormat, raw: string, file: string, firstLine: number) {
  if (format === 'ini') return parseIni(raw, file, firstLine);
  if (format === 'yaml') return yamlData(raw, file, firstLine);
  return readToml(raw, { file, code: 'PUGO_FRONT_MATTER_INVALID', firstLine });
}

/**
 * Finds the front matter at the top of `text` (after blank lines; a BOM and CRLF are tolerated)
 * and parses it. Throws PUGO_FRONT_MATTER_MISSING, _UNTERMINATED (at the opening fence's line)
 * or _INVALID (at the offending line of the file).
 */
export function splitFrontMatter(text: string, file: string): FrontMatter {
  const src = normalizeText(text);
  let pos = 0;
  let lineNo = 1;
  let current = lineAt(src, pos);
  while (current.text.trim() === '' && current.next <= src.length) {
    pos = current.next;
    lineNo++;
    current = lineAt(src, pos);
  }
  const opener = openerOf(current.text);
  if (!opener) {
    const message = 'no front matter: a post starts with a ```toml block (or ```ini, +++ or ---)';
    throw new PugoError('PUGO_FRONT_MATTER_MISSING', message, { file, line: lineNo });
  }
  return readBlock(src, file, opener, current.next, lineNo);
}

function readBlock(
  src: string,
  file: string,
  opener: Opener,
  start: number,
  openLine: number,
): FrontMatter {
  let pos = start;
  let lineNo = openLine + 1;
  while (pos <= src.length) {
    const current = lineAt(src, pos);
    if (opener.isClose(current.text)) {
      const raw = src.slice(start, pos);
      const data = parseBlock(opener.format, raw, file, openLine + 1);
      const body = src.slice(Math.min(current.next, src.length));
      return { format: opener.format, data, body, bodyLine: lineNo + 1, line: openLine, raw };
    }
    pos = current.next;
    lineNo++;
  }
  const message = 'front matter is opened but never closed';
  throw new PugoError('PUGO_FRONT_MATTER_UNTERMINATED', message, { file, line: openLine });
}

// TOML as real files hold it: a BOM, CRLF or CR line ends, and errors at the file's own line.

import { parse } from '@iarna/toml';
import { PugoError, type PugoErrorCode } from '../errors.js';

/**
 * A BOM dropped and every line end made '\n'. TOML allows CRLF, but @iarna/toml rejects a CR
 * before a comment's line end (`a = 1 # c\r\n`), so a meta.toml saved on Windows read as nothing.
 */
export function normalizeText(text: string): string {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return src.includes('\r') ? src.replace(/\r\n?/g, '\n') : src;
}

export interface TomlSource {
  file: string;
  /** What a syntax error is reported as. */
  code: PugoErrorCode;
  /** The file line of the text's first line (a front-matter block starts below its fence). */
  firstLine?: number;
}

/**
 * Parses TOML text; an error keeps TOML's own message without its "at row 3, col 5" tail (which
 * counts within the text) and names the line of the file instead.
 */
export function readToml(text: string, { file, code, firstLine = 1 }: TomlSource) {
  const normal = normalizeText(text);
  try {
    return parse(normal) as Record<string, unknown>;
  } catch (cause) {
    const err = cause as { line?: unknown; message?: unknown };
    const first = firstLineOf(cause);
    const message = `invalid TOML: ${first.replace(/ at row \d+, col \d+, pos \d+:?$/, '')}`;
    // @iarna/toml counts lines from 0.
    const at = typeof err.line === 'number' ? err.line : lineOfFailure(normal, first);
    throw new PugoError(code, message, { file, line: firstLine + at, cause });
  }
}

function firstLineOf(cause: unknown): string {
  return String((cause as { message?: unknown }).message ?? cause).split('\n')[0];
}

/**
 * The line (from 0) at which `text` first fails with `message`, for the errors @iarna/toml
 * throws without a place (an impossible date: `date = 0000-01-00T00:00:00Z` is "Invalid
 * Datetime" and nothing more). Found by parsing ever longer prefixes, only once a parse failed:
 * front matter is a few lines. The first line when no prefix fails alike.
 */
function lineOfFailure(text: string, message: string): number {
  const lines = text.split('\n');
  for (let n = 1; n <= lines.length; n++) {
    try {
      parse(lines.slice(0, n).join('\n'));
    } catch (cause) {
      if (firstLineOf(cause) === message) return n - 1;
    }
  }
  return 0;
}

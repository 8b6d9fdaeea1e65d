// Bytes of a content file → text: size limit, emptiness, strict UTF-8, BOM and line ends.
import { isUtf8 } from 'node:buffer';
import { PugoError } from '../errors.js';

/** Fatal: a file with invalid UTF-8 is refused, not shown with U+FFFD where the bytes were. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

const LF = 0x0a;
const CR = 0x0d;

/** The line (1-based) of byte `offset`, counted as in the decoded text: LF, CRLF or a lone CR. */
function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === LF || (bytes[i] === CR && bytes[i + 1] !== LF)) line++;
  }
  return line;
}

/**
 * The line of the first bytes that are not UTF-8. LF and CR never occur inside a UTF-8 sequence,
 * so each line can be checked on its own: the first one that fails holds the fault.
 */
function firstBadLine(bytes: Uint8Array): number {
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== LF && bytes[i] !== CR) continue;
    if (!isUtf8(bytes.subarray(start, i))) return lineOfOffset(bytes, start);
    start = i + 1;
  }
  return 1;
}

/**
 * Decodes a post or page: refuses files over `maxBytes` (PUGO_FILE_TOO_LARGE), empty or
 * blank ones (PUGO_EMPTY_FILE), binary or non-UTF-8 ones (PUGO_NOT_UTF8). Strips the BOM some
 * Windows editors write and turns CRLF (and lone CR) into LF, so line numbers count the same.
 * Every error names a line, as `pugo check` lists file:line: the first bad byte's, or line 1
 * when the problem is the whole file.
 */
export function decodeSource(bytes: Uint8Array, file: string, maxBytes: number): string {
  if (bytes.length > maxBytes) {
    const message = `file is ${bytes.length} bytes, more than the limit of ${maxBytes}`;
    throw new PugoError('PUGO_FILE_TOO_LARGE', message, { file, line: 1 });
  }
  if (bytes.length === 0) {
    throw new PugoError('PUGO_EMPTY_FILE', 'file is empty', { file, line: 1 });
  }
  // A NUL is valid UTF-8 but no one types it: it marks a binary file saved with a .md name.
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const line = lineOfOffset(bytes, nul);
    throw new PugoError('PUGO_NOT_UTF8', 'file contains NUL bytes (binary?)', { file, line });
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (cause) {
    const line = firstBadLine(bytes);
    throw new PugoError('PUGO_NOT_UTF8', 'file is not valid UTF-8', { file, line, cause });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (!/\S/.test(text)) {
    throw new PugoError('PUGO_EMPTY_FILE', 'file has only blank space', { file, line: 1 });
  }
  return text;
}

// Bytes of a content file → text: size limit, emptiness, strict UTF-8, BOM and line ends.
import { PugoError } from '../errors.js';

/** Fatal: a file with invalid UTF-8 is refused, not shown with U+FFFD where the bytes were. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a post or page: refuses files over `maxBytes` (PUGO_FILE_TOO_LARGE), empty or
 * blank ones (PUGO_EMPTY_FILE), binary or non-UTF-8 ones (PUGO_NOT_UTF8). Strips the BOM some
 * Windows editors write and turns CRLF (and lone CR) into LF, so line numbers count the same.
 */
export function decodeSource(bytes: Uint8Array, file: string, maxBytes: number): string {
  if (bytes.length > maxBytes) {
    const message = `file is ${bytes.length} bytes, more than the limit of ${maxBytes}`;
    throw new PugoError('PUGO_FILE_TOO_LARGE', message, { file });
  }
  if (bytes.length === 0) throw new PugoError('PUGO_EMPTY_FILE', 'file is empty', { file });
  // A NUL is valid UTF-8 but no one types it: it marks a binary file saved with a .md name.
  if (bytes.indexOf(0) !== -1) {
    throw new PugoError('PUGO_NOT_UTF8', 'file contains NUL bytes (binary?)', { file });
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (cause) {
    throw new PugoError('PUGO_NOT_UTF8', 'file is not valid UTF-8', { file, cause });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (!/\S/.test(text))
    throw new PugoError('PUGO_EMPTY_FILE', 'file has only blank space', { file });
  return text;
}

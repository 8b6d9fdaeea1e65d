// The text of a rendered body, for the passages of search results: what a browser's
// textContent gives of it, which is what the built page's script reads of a result's page.

import { decodeEntities } from '../render/html-entities.js';

/** Tags dropped, entities decoded, white space collapsed: its textContent. */
export function htmlText(html: string): string {
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
    // Dropped, not made spaces: markdown-it ends each block with a newline, as textContent
    // reads it, and 'foo<code>bar</code>' is 'foobar' to both.
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

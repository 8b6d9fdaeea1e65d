// A plain scan of HTML text for link targets and element ids: enough for fragment checks.

import { decodeEntities } from './entities.js';

export interface Href {
  href: string;
  line: number;
}

const VALUE = String.raw`\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>\x60]+))`;
const HREF = new RegExp(String.raw`\shref${VALUE}`, 'gi');
const ID = new RegExp(String.raw`\sid${VALUE}`, 'gi');
/** `<a name=…>` also names a fragment target (HTML's "indicated part of the document"). */
const ANCHOR_NAME = new RegExp(String.raw`<a\s[^>]*?\bname${VALUE}`, 'gi');

function attributeValue(match: RegExpMatchArray): string {
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? '');
}

/** Every href attribute value with its 1-based line. */
export function readHrefs(html: string): Href[] {
  const found: Href[] = [];
  let line = 1;
  let scanned = 0;
  for (const match of html.matchAll(HREF)) {
    const at = match.index ?? 0;
    for (let i = scanned; i < at; i++) if (html.charCodeAt(i) === 10) line++;
    scanned = at;
    found.push({ href: attributeValue(match), line });
  }
  return found;
}

/** Every id, and every name of an <a>, in the document. */
export function readIds(html: string): Set<string> {
  const ids = new Set<string>();
  for (const match of html.matchAll(ID)) ids.add(attributeValue(match));
  for (const match of html.matchAll(ANCHOR_NAME)) ids.add(attributeValue(match));
  return ids;
}

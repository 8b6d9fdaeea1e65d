// The <loc> values of a sitemap or sitemap index, read from its text.

import { decodeEntities } from './entities.js';

/** Every <loc> value, entity-decoded and trimmed (the file is schema-valid before this runs). */
export function readLocs(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => decodeEntities(m[1] ?? '').trim());
}

/** The longest common prefix of the locs that ends in '/': the site root the sitemap implies. */
export function commonRoot(locs: string[]): string | null {
  const [first, ...rest] = locs;
  if (first === undefined) return null;
  let prefix = first;
  for (const loc of rest) {
    while (!loc.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  const cut = prefix.lastIndexOf('/');
  return cut > prefix.indexOf('//') + 1 ? prefix.slice(0, cut + 1) : null;
}

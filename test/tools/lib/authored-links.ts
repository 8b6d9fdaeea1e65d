// Which broken links the author wrote into posts and pages: pugo renders those as written (a
// 2010 post linking a file its site never had), so they are reported, not held against pugo.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The text of every .md file under the site's source folder, once. */
export function sourceText(contentDir: string): string {
  const texts: string[] = [];
  for (const entry of readdirSync(contentDir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.md')) {
      texts.push(readFileSync(join(entry.parentPath, entry.name), 'utf8'));
    }
  }
  return texts.join('\n');
}

/**
 * Whether the site path `path` ('/assets/a.zip', decoded or not) appears in a source file as the
 * target of a link or image: in quotes (`href="…"`) or markdown parentheses (`](…)`).
 */
export function isAuthored(text: string, path: string): boolean {
  let decoded = path;
  try {
    decoded = decodeURI(path);
  } catch {
    // Keep it as it is.
  }
  return [path, decoded].some((p) => ['"', "'", '('].some((open) => text.includes(`${open}${p}`)));
}

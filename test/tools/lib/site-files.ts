// The files of a built site, and the file a URL path names (as pugo's server and static hosts map it).

import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under `dir` as a sorted '/'-separated relative path; dot folders (.git) are skipped. */
export function listFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) found.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return found.sort();
}

/** The candidate files for a decoded path under the site root: /x → x, x.html, x/index.html. */
function candidates(path: string): string[] {
  if (path === '' || path.endsWith('/')) {
    const folder = path.slice(0, -1);
    return folder ? [`${path}index.html`, `${folder}.html`] : ['index.html'];
  }
  return [path, `${path}.html`, `${path}/index.html`];
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The file under `dir` that the decoded, root-relative `path` ('', 'archive', 'tags/Go/') names,
 * or null. Paths with `..`, empty inner segments or NUL never leave `dir`.
 */
export function fileForPath(dir: string, path: string): string | null {
  const segments = path.split('/');
  if (path.includes('\0') || segments.some((s) => s === '..' || s === '.')) return null;
  for (const candidate of candidates(path)) {
    const file = join(dir, ...candidate.split('/'));
    if (isFile(file)) return file;
  }
  return null;
}

export interface AuditPages {
  home: string;
  post: string | null;
  tag: string | null;
}

/** Home, the first post page (<year>/…) and the first tag page (tags/…), as relative paths. */
export function pickAuditPages(files: string[]): AuditPages {
  return {
    home: '',
    post: files.find((f) => /^\d{4}\/.+\.html$/.test(f)) ?? null,
    tag: files.find((f) => f.startsWith('tags/') && f.endsWith('.html')) ?? null,
  };
}

/** A relative file path as a URL path: each segment percent-encoded, index.html dropped. */
export function urlPathFor(file: string): string {
  const path = file.replace(/(^|\/)index\.html$/, '$1');
  return path.split('/').map(encodeURIComponent).join('/');
}

// The files of a built site, and the file a URL path names on a plain static file server.

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

function statOf(path: string): 'file' | 'dir' | null {
  try {
    const info = statSync(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'dir' : null;
  } catch {
    return null;
  }
}

/** What a plain static server answers for a path: a file, a redirect to a folder's '/', nothing. */
export type PlainAnswer = { file: string } | { redirect: string } | null;

/**
 * What a plain static file server (`python3 -m http.server`, nginx's default config) does with
 * the decoded, root-relative `path`: the file it names; for a folder, its index.html, once the
 * folder is named with its '/' (without it, a redirect there). Never '/x' → 'x.html': a site
 * that needs such a rewrite does not work on such a server. Paths with `..`, '.' or NUL are
 * refused, so they never leave `dir`.
 */
export function plainAnswer(dir: string, path: string): PlainAnswer {
  const segments = path.split('/');
  if (path.includes('\0') || segments.some((s) => s === '..' || s === '.')) return null;
  const target = join(dir, ...segments.filter((s) => s !== ''));
  const kind = statOf(target);
  if (kind === 'file' && !path.endsWith('/')) return { file: target };
  if (kind !== 'dir') return null;
  if (path !== '' && !path.endsWith('/')) return { redirect: `${path}/` };
  const index = join(target, 'index.html');
  return statOf(index) === 'file' ? { file: index } : null;
}

/** The file a plain static server ends at for `path` ('', 'archive.html', 'tags/Go/'), or null. */
export function fileForPath(dir: string, path: string): string | null {
  const answer = plainAnswer(dir, path);
  if (answer && 'redirect' in answer) return fileForPath(dir, answer.redirect);
  return answer?.file ?? null;
}

export interface AuditPages {
  home: string;
  post: string | null;
  tag: string | null;
}

/** Home, the first post page (<year>/…) and the first tag page (tags/… or tag/…), as relative paths. */
export function pickAuditPages(files: string[]): AuditPages {
  return {
    home: '',
    post: files.find((f) => /^\d{4}\/.+\.html$/.test(f)) ?? null,
    // Pugo 0.10 wrote tags/<tag>.html, Pugo 2022 tag/<tag>/index.html.
    tag: files.find((f) => /^tags?\//.test(f) && f.endsWith('.html')) ?? null,
  };
}

/** A relative file path as a URL path: each segment percent-encoded, index.html dropped. */
export function urlPathFor(file: string): string {
  const path = file.replace(/(^|\/)index\.html$/, '$1');
  return path.split('/').map(encodeURIComponent).join('/');
}

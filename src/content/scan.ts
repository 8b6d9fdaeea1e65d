// Finds the posts and pages of a site folder: every .md under its layout's post and page folders
// (post/ and page/, or Pugo 2022's content/posts/ and content/pages/), with its stat.
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PugoError } from '../errors.js';
import { asFault } from '../faults.js';
import type { SourceFile } from '../types.js';

/** Where a layout keeps posts and pages, relative to the site folder. */
export interface ContentDirs {
  postDir: string;
  pageDir: string;
}

/** Pugo 0.10's folders: the default of a caller that has no config at hand. */
export const PUGO_010_DIRS: ContentDirs = { postDir: 'post', pageDir: 'page' };

/** The page folders of both layouts: a file id under one of them is a page. */
const PAGE_DIRS = ['page/', 'content/pages/'];

/** A content file's kind, from its id. */
export function kindOf(id: string): 'post' | 'page' {
  return PAGE_DIRS.some((dir) => id.startsWith(dir)) ? 'page' : 'post';
}

/** Entries of a folder, or none when it does not exist (a site without pages has no page/). */
async function listDir(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw asFault(err, 'reading the folder', dir) ?? err;
  }
}

/**
 * Posix paths, relative to `root`, of the .md files under `rel`. Dotfiles and dot-folders
 * (editor swap files, .git) are skipped. Symlinked folders are not followed, so a link loop
 * cannot hang a scan; symlinked files are read.
 */
async function walk(root: string, rel: string): Promise<string[]> {
  const entries = await listDir(join(root, rel));
  const found: string[] = [];
  const nested: Promise<string[]>[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) nested.push(walk(root, child));
    else if ((entry.isFile() || entry.isSymbolicLink()) && /\.md$/i.test(entry.name))
      found.push(child);
  }
  for (const list of await Promise.all(nested)) found.push(...list);
  return found;
}

async function toSourceFile(contentDir: string, id: string, kind: SourceFile['kind']) {
  const abs = join(contentDir, id);
  // A file deleted since readdir (an editor saving, a watch firing) or a dangling link: not there.
  const info = await stat(abs).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (!info?.isFile()) return null;
  return { id, kind, abs, mtimeMs: info.mtimeMs, size: info.size } satisfies SourceFile;
}

/**
 * A content folder that is not there (an unmounted drive, a sync tool swapping folders) is not
 * a site without posts: syncing it would delete every post from the store and publish an empty
 * site. It is an error, and whoever serves goes on with what it has.
 */
async function assertPresent(contentDir: string): Promise<void> {
  const info = await stat(contentDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return null;
    throw asFault(err, 'reading the content folder', contentDir) ?? err;
  });
  if (!info?.isDirectory()) {
    const message = `the content folder ${contentDir} is not there (moved or unmounted?)`;
    throw new PugoError('PUGO_CONTENT_GONE', message, { file: contentDir });
  }
}

/** Every post and page of `contentDir`, sorted by id ('page/about.md', 'post/2015/a.md', …). */
export async function scanContent(
  contentDir: string,
  dirs: ContentDirs = PUGO_010_DIRS,
): Promise<SourceFile[]> {
  await assertPresent(contentDir);
  const files: Promise<SourceFile | null>[] = [];
  for (const [kind, dir] of [
    ['post', dirs.postDir],
    ['page', dirs.pageDir],
  ] as const) {
    for (const id of await walk(contentDir, dir)) files.push(toSourceFile(contentDir, id, kind));
  }
  const found = (await Promise.all(files)).filter((f): f is SourceFile => f !== null);
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

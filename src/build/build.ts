// The build: every URL of the route table and every static file, written to dest/ when changed.

import { readdir, readFile, unlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileOfPath } from '../render/urls.js';
import { HandlerPool } from '../server/handler-pool.js';
import type { StaticRoot } from '../server/static-files.js';
import type { Params, RouteHandler } from '../site/handlers.js';
import type { Route } from '../site/routes.js';
import type { Site } from '../site/site.js';
import { hashBytes } from '../store/hash.js';
import type { StoreOp } from '../store/store.js';
import { buildFingerprint } from './fingerprint.js';
import { eachLimited, writeAtomic } from './write-file.js';

export interface BuildOptions {
  site: Site;
  routes: readonly Route[];
  staticRoots: StaticRoot[];
  destDir: string;
  /** Called as files are done, for a progress line on a terminal. */
  onProgress?: (done: number, total: number) => void;
}

export interface BuildResult {
  pages: number;
  files: number;
  written: number;
  deleted: number;
}

/** Files rendered and written at once: enough to overlap rendering with disk writes. */
const WRITERS = 16;

/** One file the build makes: its place under dest/ and where its bytes come from. */
interface Output {
  file: string;
  bytes: () => Promise<Buffer>;
}

/** What the store remembers of the last build, so an unchanged site renders nothing. */
interface LastBuild {
  fingerprint: string;
  pages: number;
  files: number;
  /** When the next scheduled post comes due (ms): from then on the output is out of date. */
  dueAt?: number;
}

/** The folders whose files a build's output depends on: the theme and the media. */
function treesOf(site: Site, roots: StaticRoot[]): string[] {
  const theme = site.theme.dir;
  return [theme, ...roots.map((r) => r.dir).filter((dir) => !dir.startsWith(theme))];
}

export async function buildSite({
  site,
  routes,
  staticRoots,
  destDir,
  onProgress = () => {},
}: BuildOptions): Promise<BuildResult> {
  const previous = await site.store.outputs();
  const fingerprint = await buildFingerprint(site, treesOf(site, staticRoots), destDir);
  const last = await site.store.getMeta<LastBuild>('build');
  // One listing of dest/ instead of a stat per file: a user may have deleted outputs by hand.
  const present = new Set((await listFiles(destDir)).map((abs) => posixRelative(destDir, abs)));
  const intact = [...previous.keys()].every((file) => present.has(file));
  if (last?.fingerprint === fingerprint && intact && site.now() < (last.dueAt ?? Infinity)) {
    return { pages: last.pages, files: last.files, written: 0, deleted: 0 };
  }
  await site.load();
  const pages = pageOutputs(site, routes);
  const statics = await staticOutputs(staticRoots);
  const outputs = [...statics, ...pages];
  const ops: StoreOp[] = [];
  let written = 0;
  let started = 0;
  await eachLimited(outputs, WRITERS, async (out) => {
    onProgress(started++, outputs.length);
    const bytes = await out.bytes();
    const hash = hashBytes(bytes);
    const target = join(destDir, out.file);
    if (previous.get(out.file) === hash && present.has(out.file)) return;
    await writeAtomic(target, bytes);
    ops.push({ type: 'putOutput', path: out.file, hash });
    written++;
  });
  const made = new Set(outputs.map((o) => o.file));
  const stale = [...previous.keys()].filter((file) => !made.has(file));
  for (const file of stale) {
    await unlink(join(destDir, file)).catch(() => {});
    ops.push({ type: 'delOutput', path: file });
  }
  const dueAt = site.snapshot().nextChangeAt ?? undefined;
  const done: LastBuild = { fingerprint, pages: pages.length, files: outputs.length, dueAt };
  ops.push({ type: 'putMeta', key: 'build', value: done });
  await site.store.commit(ops);
  return { pages: done.pages, files: done.files, written, deleted: stale.length };
}

/**
 * Every URL of the route table, plus 404.html, rendered lazily when written (so a big site is
 * never held in memory at once), through the same handler pools the server uses.
 */
function pageOutputs(site: Site, routes: readonly Route[]): Output[] {
  const snap = site.snapshot();
  const outputs: Output[] = [];
  for (const route of routes) {
    const pool = new HandlerPool<RouteHandler>(route.name, () => route.create(site), WRITERS);
    for (const { path, params } of route.entries(snap, site)) {
      outputs.push({ file: fileOfPath(path), bytes: () => renderWith(pool, path, params) });
    }
  }
  outputs.push({ file: '404.html', bytes: async () => site.notFound('/404.html').body });
  return outputs;
}

async function renderWith(
  pool: HandlerPool<RouteHandler>,
  path: string,
  params: Params,
): Promise<Buffer> {
  const page = await pool.with((h) => h.render(path, params));
  if (!page) throw new TypeError(`route ${pool.route} listed ${path} but does not render it`);
  return page.body;
}

async function staticOutputs(roots: StaticRoot[]): Promise<Output[]> {
  const outputs: Output[] = [];
  for (const { prefix, dir } of roots) {
    for (const abs of await listFiles(dir)) {
      const file = `${prefix.slice(1)}${posixRelative(dir, abs)}`;
      outputs.push({ file, bytes: () => readFile(abs) });
    }
  }
  return outputs;
}

/** Files under `dir`, leaving out dotfiles and dot-folders (a .git in dest/, a .DS_Store). */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  const files: string[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const abs = join(e.parentPath, e.name);
    if (!/(^|[\\/])\./.test(abs.slice(dir.length))) files.push(abs);
  }
  return files.sort();
}

function posixRelative(dir: string, abs: string): string {
  return relative(dir, abs).split(sep).join('/');
}

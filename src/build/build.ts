// The build: every URL of the route table and every static file, written to dest/ when changed.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eachLimited } from '../each-limited.js';
import { fileOfPath } from '../render/urls.js';
import { HandlerPool } from '../server/handler-pool.js';
import { type StaticRoot, servesFile } from '../server/published.js';
import type { LeftOut } from '../site/entry-state.js';
import type { Params, RouteHandler } from '../site/handlers.js';
import type { Route } from '../site/routes.js';
import type { Site } from '../site/site.js';
import { hashBytes } from '../store/hash.js';
import type { StoreOp } from '../store/store.js';
import {
  type DestState,
  hashInDest,
  listFiles,
  posixRelative,
  readDest,
  removeStale,
} from './dest.js';
import { buildFingerprint } from './fingerprint.js';
import { makeFolders, writeAtomic } from './write-file.js';

export interface BuildOptions {
  site: Site;
  routes: readonly Route[];
  staticRoots: StaticRoot[];
  destDir: string;
  /** Called as files are done, for a progress line on a terminal. */
  onProgress?: (done: number, total: number) => void;
}

export interface BuildResult {
  /** The drafts and scheduled posts the site left out. */
  leftOut: LeftOut;
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
  /** Drafts and scheduled posts left out; both change only with a fingerprint or with dueAt. */
  leftOut?: LeftOut;
}

/**
 * Stored as the last build while a build writes. Found by the next build, it says this one
 * stopped part-way (killed, or failed): dest/ may then hold bytes the recorded hashes do not
 * describe, so that build renders everything and compares with what is on disk.
 */
interface Unfinished {
  unfinished: true;
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
  const fingerprint = await buildFingerprint(site, treesOf(site, staticRoots), destDir);
  const last = await site.store.getMeta<LastBuild | Unfinished>('build');
  const finished = last && !('unfinished' in last) ? last : null;
  const dest = await readDest(destDir, await site.store.outputs(), last !== undefined && !finished);
  if (finished && upToDate(site, finished, fingerprint, dest)) {
    // A record from before leftOut was kept: read the lists once to count.
    let leftOut = finished.leftOut;
    if (!leftOut) {
      await site.load();
      leftOut = site.leftOut();
    }
    return { leftOut, pages: finished.pages, files: finished.files, written: 0, deleted: 0 };
  }
  await site.load();
  const pages = pageOutputs(site, routes);
  const outputs = [...(await staticOutputs(staticRoots)), ...pages];
  await markUnfinished(site, outputs, dest.previous);
  const ops: StoreOp[] = [];
  const written = await writeChanged(outputs, dest, ops, onProgress);
  const deleted = await removeStale(new Set(outputs.map((o) => o.file)), dest, ops);
  const dueAt = site.snapshot().nextChangeAt ?? undefined;
  const leftOut = site.leftOut();
  const done: LastBuild = {
    fingerprint,
    pages: pages.length,
    files: outputs.length,
    dueAt,
    leftOut,
  };
  ops.push({ type: 'putMeta', key: 'build', value: done });
  await site.store.commit(ops);
  return { leftOut, pages: done.pages, files: done.files, written, deleted };
}

function upToDate(site: Site, last: LastBuild, fingerprint: string, dest: DestState): boolean {
  // A user may have deleted outputs by hand: then they are written again.
  const intact = [...dest.previous.keys()].every((file) => dest.present.has(file));
  return last.fingerprint === fingerprint && intact && site.now() < (last.dueAt ?? Infinity);
}

/**
 * Before the first write, one batch: the build is under way, and each file it makes that no
 * build recorded before is named (its hash unknown yet). A build killed part-way then leaves no
 * file in dest/ that the next build does not know it may have to rewrite or delete.
 */
async function markUnfinished(site: Site, outputs: Output[], previous: Map<string, string>) {
  const unfinished: Unfinished = { unfinished: true };
  const ops: StoreOp[] = [{ type: 'putMeta', key: 'build', value: unfinished }];
  for (const { file } of outputs) {
    if (!previous.has(file)) ops.push({ type: 'putOutput', path: file, hash: '' });
  }
  await site.store.commit(ops);
}

/** Renders every output, writes those whose bytes dest/ does not hold, and records the hashes. */
async function writeChanged(
  outputs: Output[],
  dest: DestState,
  ops: StoreOp[],
  onProgress: (done: number, total: number) => void,
): Promise<number> {
  let written = 0;
  let started = 0;
  await makeFolders(
    dest.destDir,
    outputs.filter((out) => !dest.present.has(out.file)).map((out) => out.file),
  );
  await eachLimited(outputs, WRITERS, async (out) => {
    onProgress(started++, outputs.length);
    const bytes = await out.bytes();
    const hash = hashBytes(bytes);
    if ((await hashInDest(dest, out.file)) !== hash) {
      await writeAtomic(join(dest.destDir, out.file), bytes);
      written++;
    } else if (dest.previous.get(out.file) === hash) return;
    ops.push({ type: 'putOutput', path: out.file, hash });
  });
  return written;
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
  for (const root of roots) {
    const { prefix, dir } = root;
    // The server's own rule, so the build publishes exactly the files the server serves.
    for (const abs of await listFiles(dir, (rel) => servesFile(root, rel))) {
      const file = `${prefix.slice(1)}${posixRelative(dir, abs)}`;
      outputs.push({ file, bytes: () => readFile(abs) });
    }
  }
  return outputs;
}

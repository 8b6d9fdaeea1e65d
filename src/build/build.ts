// The build: every URL of the route table and every static file, written to dest/ when changed.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eachLimited } from '../each-limited.js';
import { hashBytes } from '../hash.js';
import { fileOfPath } from '../render/urls.js';
import { type DepValues, depValues } from '../site/changes.js';
import type { LeftOut } from '../site/entry-state.js';
import { HandlerPool } from '../site/handler-pool.js';
import type { Params, RouteHandler } from '../site/handlers.js';
import { measureImages } from '../site/image-handler.js';
import { type StaticRoot, servesFile } from '../site/published.js';
import { RELATED_KEY } from '../site/related.js';
import type { Route } from '../site/routes.js';
import { NOT_FOUND_PAGE, type Site } from '../site/site.js';
import type { OutputRecord, StoreOp } from '../store/store.js';
import { CONTENT_KEY } from '../store/sync.js';
import { walkFiles } from '../walk.js';
import { type DestState, hashInDest, readDest, removeStale } from './dest.js';
import { buildFingerprint } from './fingerprint.js';
import { changedValues, cutValues, keepValues, keptDigests } from './kept-values.js';
import { makeFolders, writeAtomic } from './write-file.js';

export interface BuildOptions {
  site: Site;
  routes: readonly Route[];
  staticRoots: StaticRoot[];
  destDir: string;
  /** Called as files are done, for a progress line on a terminal. */
  onProgress?: (done: number, total: number) => void;
  /** dest/'s files (listDest) if the caller has just listed them: not listed again. */
  listed?: string[];
}

export interface BuildResult {
  /** The drafts and scheduled posts the site left out. */
  leftOut: LeftOut;
  pages: number;
  files: number;
  /** Pages rendered this time: the others show nothing that changed since the last build. */
  rendered: number;
  written: number;
  deleted: number;
  /** When the next scheduled post comes due (ms): the output is out of date from then on. */
  dueAt?: number;
  /** dest/'s files as the build left them, as listDest would list them now. */
  destFiles: string[];
}

/** Files rendered and written at once: enough to overlap rendering with disk writes. */
const WRITERS = 16;

/** What one output is made of: its bytes, and for a page what it shows (changes.ts). */
interface Made {
  body: Buffer;
  deps?: readonly string[];
}

/** One file the build makes: its place under dest/ and how its bytes are made. */
interface Output {
  file: string;
  /** A static file, which changes only with the trees in the fingerprint. */
  copied: boolean;
  make: () => Promise<Made>;
}

/** What the store remembers of the last build, so an unchanged site renders nothing. */
interface LastBuild {
  /** Everything the output depends on but the content: see fingerprint.ts. */
  fingerprint: string;
  /** The content's digest (the sync's) the build rendered. */
  content: string;
  pages: number;
  files: number;
  /** When the next scheduled post comes due (ms): from then on the output is out of date. */
  dueAt?: number;
  /** Drafts and scheduled posts left out; both change only with a fingerprint or with dueAt. */
  leftOut: LeftOut;
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
  listed,
}: BuildOptions): Promise<BuildResult> {
  const { store } = site;
  const fingerprint = await buildFingerprint(site, treesOf(site, staticRoots), destDir);
  const content = (await store.getMeta<string>(CONTENT_KEY)) ?? '';
  const last = await store.getMeta<LastBuild | Unfinished>('build');
  const finished = last && !('unfinished' in last) ? last : null;
  const unfinished = last !== undefined && !finished;
  const dest = await readDest(destDir, await store.outputs(), unfinished, listed);
  // Same settings, theme and media: only the pages showing what the content changed are made.
  const same = finished?.fingerprint === fingerprint ? finished : null;
  if (same && same.content === content && upToDate(site, same, dest)) {
    const { leftOut, pages, files, dueAt } = same;
    const destFiles = [...dest.present].sort();
    return { leftOut, pages, files, rendered: 0, written: 0, deleted: 0, dueAt, destFiles };
  }
  await site.load();
  // New images' variants are made and measured first: the pages offer only those that pay.
  await measureImages(site);
  const values = cutValues(await buildValues(site, routes));
  const kept = await keptDigests(store);
  const changed = same ? await changedValues(store, kept, values) : null;
  const pages = pageOutputs(site, routes);
  const outputs = [...(await staticOutputs(staticRoots)), ...pages];
  await markUnfinished(site, outputs, dest.previous);
  const ops: StoreOp[] = [];
  const due = outputs.filter((out) => mustMake(out, dest, changed));
  const written = await writeChanged(due, dest, ops, onProgress);
  const deleted = await removeStale(new Set(outputs.map((o) => o.file)), dest, ops);
  const done: LastBuild = {
    fingerprint,
    content,
    pages: pages.length,
    files: outputs.length,
    dueAt: site.snapshot().nextChangeAt ?? undefined,
    leftOut: site.leftOut(),
  };
  ops.push(...keepValues(kept, values));
  const related = site.relatedToKeep();
  if (related) ops.push({ type: 'putMeta', key: RELATED_KEY, value: related });
  ops.push({ type: 'putMeta', key: 'build', value: done });
  await store.commit(ops);
  const rendered = due.filter((out) => !out.copied).length;
  const { leftOut, files, dueAt } = done;
  const destFiles = [...dest.present].sort();
  return { leftOut, pages: done.pages, files, rendered, written, deleted, dueAt, destFiles };
}

function upToDate(site: Site, last: LastBuild, dest: DestState): boolean {
  // A user may have deleted outputs by hand: then they are written again.
  const intact = [...dest.previous.keys()].every((file) => dest.present.has(file));
  return intact && site.now() < (last.dueAt ?? Infinity);
}

/** The dependency values of the snapshot, with the finer ones routes work out for a build. */
async function buildValues(site: Site, routes: readonly Route[]): Promise<DepValues> {
  const snap = site.snapshot();
  const values = new Map(depValues(snap, { wordCount: site.theme.showsWordCount }));
  for (const route of routes) {
    if (!route.prepare) continue;
    for (const [dep, value] of await route.prepare(snap, site)) values.set(dep, value);
  }
  return values;
}

/**
 * Whether an output is made this time: always when the settings changed (`changed` null);
 * otherwise when the last build has no whole record of it, dest/ lost it, or it is a page
 * showing something that changed.
 */
function mustMake(out: Output, dest: DestState, changed: ReadonlySet<string> | null): boolean {
  const record = dest.previous.get(out.file);
  if (!changed || !record?.hash || !dest.present.has(out.file)) return true;
  if (out.copied) return false;
  return !record.deps || record.deps.some((dep) => changed.has(dep));
}

/**
 * Before the first write, one batch: the build is under way, and each file it makes that no
 * build recorded before is named (its hash unknown yet). A build killed part-way then leaves no
 * file in dest/ that the next build does not know it may have to rewrite or delete.
 */
async function markUnfinished(site: Site, outputs: Output[], previous: Map<string, OutputRecord>) {
  const unfinished: Unfinished = { unfinished: true };
  const ops: StoreOp[] = [{ type: 'putMeta', key: 'build', value: unfinished }];
  for (const { file } of outputs) {
    if (!previous.has(file)) ops.push({ type: 'putOutput', path: file, record: { hash: '' } });
  }
  await site.store.commit(ops);
}

/** Makes each output, writes those whose bytes dest/ does not hold, and records what changed. */
async function writeChanged(
  outputs: Output[],
  dest: DestState,
  ops: StoreOp[],
  onProgress: (done: number, total: number) => void,
): Promise<number> {
  let written = 0;
  let started = 0;
  makeFolders(
    dest.destDir,
    outputs.filter((out) => !dest.present.has(out.file)).map((out) => out.file),
  );
  await eachLimited(outputs, WRITERS, async (out) => {
    onProgress(started++, outputs.length);
    const { body, deps } = await out.make();
    const hash = hashBytes(body);
    if ((await hashInDest(dest, out.file)) !== hash) {
      writeAtomic(join(dest.destDir, out.file), body);
      dest.present.add(out.file);
      written++;
    } else if (sameRecord(dest.previous.get(out.file), hash, deps)) return;
    ops.push({ type: 'putOutput', path: out.file, record: deps ? { hash, deps } : { hash } });
  });
  return written;
}

function sameRecord(record: OutputRecord | undefined, hash: string, deps?: readonly string[]) {
  return record?.hash === hash && record.deps?.join('\n') === deps?.join('\n');
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
      outputs.push({
        file: fileOfPath(path),
        copied: false,
        make: () => renderWith(pool, path, params),
      });
    }
  }
  const file = fileOfPath(NOT_FOUND_PAGE);
  outputs.push({ file, copied: false, make: async () => site.notFound(NOT_FOUND_PAGE) });
  return outputs;
}

async function renderWith(
  pool: HandlerPool<RouteHandler>,
  path: string,
  params: Params,
): Promise<Made> {
  const page = await pool.with((h) => h.render(path, params));
  if (!page) throw new TypeError(`route ${pool.route} listed ${path} but does not render it`);
  return page;
}

async function staticOutputs(roots: StaticRoot[]): Promise<Output[]> {
  const outputs: Output[] = [];
  for (const root of roots) {
    const { prefix, dir } = root;
    // The server's own rule, so the build publishes exactly the files the server serves.
    for (const { entry, abs, rel } of walkFiles(dir, (rel) => servesFile(root, rel))) {
      if (!entry.isFile()) continue;
      const file = `${prefix.slice(1)}${rel}`;
      outputs.push({ file, copied: true, make: async () => ({ body: await readFile(abs) }) });
    }
  }
  return outputs;
}

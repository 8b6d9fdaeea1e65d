// Test helpers: temporary sites on disk, opened with a real LevelDB store and served on port 0.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type OpenSite, openSite } from '../src/compose.js';
import { createMemoryLogger } from '../src/log.js';
import { createApp } from '../src/server/app.js';
import { type Listening, listen } from '../src/server/listen.js';
import { ROUTES } from '../src/site/routes.js';

/** The repo root, from dist/test/helpers.js. */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS = resolve(REPO, '..', 'shared', 'corpus', 'fuxiaohei-me');

export const META = `[meta]
title = "Test site"
root = "http://example.test"
lang = "en"

[[author]]
name = "ann"
nick = "Ann"

[build]
post_pagesize = 2
`;

export function post(title: string, date: string, tags: string[] = [], extra = ''): string {
  const tagList = tags.map((t) => JSON.stringify(t)).join(', ');
  return `\`\`\`toml\ntitle = ${JSON.stringify(title)}\ndate = "${date}"\nauthor = "ann"\ntags = [${tagList}]\n${extra}\`\`\`\n\nBody of ${title}.\n\n<!--more-->\n\nMore of ${title}.\n`;
}

export async function tempDir(t: TestContext, prefix = 'pugo-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function writeFiles(
  dir: string,
  files: Record<string, string | Buffer>,
): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
}

/** A site folder with meta.toml and the given files, plus a store folder beside it. */
export async function makeSite(
  t: TestContext,
  files: Record<string, string | Buffer>,
  meta = META,
) {
  const root = await tempDir(t);
  const content = join(root, 'content');
  await writeFiles(content, { 'meta.toml': meta, ...files });
  return { root, content, store: join(root, 'store'), dest: join(root, 'dest') };
}

/** What a test may set beyond the folders: the flags, the clock, another theme. */
export interface SiteExtra {
  drafts?: boolean;
  future?: boolean;
  now?: () => number;
  themeDir?: string;
}

/** The site opened as a command opens it, with a logger that keeps its lines for the test. */
export async function openLogged(
  t: TestContext,
  contentDir: string,
  storeDir: string,
  extra: SiteExtra = {},
): Promise<{ opened: OpenSite; log: ReturnType<typeof createMemoryLogger> }> {
  const log = createMemoryLogger();
  const opened = await openSite({
    contentDir,
    themeDir: extra.themeDir ?? join(REPO, 'themes', 'default'),
    storeDir,
    drafts: extra.drafts ?? false,
    future: extra.future ?? false,
    log,
    now: extra.now,
  });
  t.after(() => opened.close().catch(() => {}));
  return { opened, log };
}

export async function open(
  t: TestContext,
  contentDir: string,
  storeDir: string,
  extra: SiteExtra = {},
): Promise<OpenSite> {
  return (await openLogged(t, contentDir, storeDir, extra)).opened;
}

export async function serve(
  t: TestContext,
  opened: OpenSite,
  poolSize = 10,
  cacheBytes = 16 << 20,
): Promise<Listening & Pick<ReturnType<typeof createApp>, 'pools' | 'cache'>> {
  const { app, pools, cache } = createApp({
    site: opened.site,
    routes: ROUTES,
    staticRoots: opened.staticRoots,
    poolSize,
    cacheBytes,
    log: createMemoryLogger(),
  });
  const running = await listen(app, '127.0.0.1', 0);
  t.after(() => running.stop());
  return { ...running, pools, cache };
}

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process has written to stderr so far (banner, warnings, access log). */
  stderr(): string;
}

/** A real `pugo serve` process on port 0 for `site`, stopped after the test. */
export async function spawnServe(
  t: TestContext,
  site: { content: string; store: string },
  extra: string[] = [],
): Promise<ServeProcess> {
  const main = join(REPO, 'dist', 'src', 'cli', 'main.js');
  const args = [
    main,
    'serve',
    '--content',
    site.content,
    '--store',
    site.store,
    '--port',
    '0',
    ...extra,
  ];
  const child = spawn(process.execPath, args);
  t.after(() => child.kill('SIGTERM'));
  let err = '';
  const url = await new Promise<string>((ok, fail) => {
    child.stderr.on('data', (c) => {
      err += c;
      const m = /serving (http:\/\/\S+?)\/ /.exec(err);
      if (m) ok(m[1]);
    });
    child.on('exit', () => fail(new Error(err)));
  });
  return { url, child, stderr: () => err };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * A request with the path exactly as given (fetch would normalise dot segments away) and the
 * body as sent (fetch would decompress it).
 */
export function rawRequest(
  base: string,
  path: string,
  { headers = {}, method = 'GET', agent }: RawOptions = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((ok, fail) => {
    const req = httpRequest({ hostname, port, path, method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

interface RawOptions {
  headers?: Record<string, string>;
  method?: string;
  agent?: Agent;
}

// Debug-listener test helpers: a listener on port 0, a site under load, and profiles decoded.

import { request } from 'node:http';
import type { TestContext } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import { DEFAULTS } from '../../src/config/defaults.js';
import { debugDefaults } from '../../src/config/load-config.js';
import type { SiteConfig } from '../../src/config/site-config.js';
import { type DebugListener, DIST_DIR, startDebugListener } from '../../src/debug/listener.js';
import type { DebugSources } from '../../src/debug/sources.js';
import { createMemoryLogger } from '../../src/log.js';
import { makeSite, open, post, serve } from '../helpers.js';

export function debugConfig(over: Partial<SiteConfig['debug']> = {}): SiteConfig['debug'] {
  return { ...debugDefaults(), enabled: true, port: 0, ...over };
}

/** Figures for a listener with no site behind it. */
export const NO_SITE: DebugSources = {
  pools: () => [],
  requests: () => ({ total: 0, inFlight: 0, byStatus: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 } }),
  store: () => ({ location: '', files: 0, posts: 0, pages: 0, batches: 0, reads: 0 }),
  caches: () => [],
  site: () => ({ posts: 0, pages: 0, tags: 0 }),
  health: () => ({
    status: 'ok' as const,
    syncedAt: null,
    staleSince: null,
    reason: null,
    code: null,
  }),
  warmer: () => null,
};

/**
 * A debug listener on 127.0.0.1 port 0, stopped after the test. Its heap sampler is the
 * process's one (V8 has a single sampling heap profiler): tests in a file run one after another,
 * and each stops its listener before the next starts one.
 */
export async function startDebug(
  t: TestContext,
  over: Partial<SiteConfig['debug']> = {},
  sources: DebugSources = NO_SITE,
): Promise<DebugListener> {
  const running = await startDebugListener({
    config: debugConfig(over),
    sources,
    log: createMemoryLogger(),
    distDir: DIST_DIR,
    maxProfileSeconds: DEFAULTS.maxProfileSeconds,
  });
  t.after(() => running.stop());
  return running;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Buffer;
  text: string;
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, { headers });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body, text: body.toString('utf8') };
}

/** A response whose body is left unread: the server stays mid-send until `finish` or `abort`. */
export function getHeld(url: string): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  finish(): Promise<Buffer>;
  abort(): void;
}> {
  return new Promise((ok, fail) => {
    const req = request(url, (res) => {
      res.pause();
      ok({
        status: res.statusCode ?? 0,
        headers: res.headers,
        finish: () =>
          new Promise((done, broke) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done(Buffer.concat(chunks)));
            res.on('error', broke);
            res.resume();
          }),
        abort: () => req.destroy(),
      });
    });
    req.on('error', fail);
    req.end();
  });
}

/** pprof's wire form: gzip around a protobuf Profile. Throws unless the gzip wrapper is there. */
export function decodePprof(body: Buffer): Profile {
  if (body[0] !== 0x1f || body[1] !== 0x8b) throw new Error('not gzip');
  return Profile.decode(gunzipSync(body));
}

export function str(profile: Profile, index: unknown): string {
  return profile.stringTable.strings[Number(index)] ?? '';
}

/** Each sample's stack as function names, innermost first, with its values. */
export function stacks(profile: Profile): { names: string[]; values: number[] }[] {
  const fns = new Map(profile.function.map((f) => [Number(f.id), str(profile, f.name)]));
  const locs = new Map(
    profile.location.map((l) => [Number(l.id), l.line.map((ln) => fns.get(Number(ln.functionId)))]),
  );
  return profile.sample.map((s) => ({
    names: s.locationId.flatMap((id) => locs.get(Number(id)) ?? []).map((n) => n ?? ''),
    values: s.value.map(Number),
  }));
}

export function sampleTypes(profile: Profile): string[] {
  return profile.sampleType.map((v) => `${str(profile, v.type)}/${str(profile, v.unit)}`);
}

/** Flat value by innermost function, as `go tool pprof -top` ranks them, biggest first. */
export function flat(profile: Profile, type: string): [string, number][] {
  const index = sampleTypes(profile).findIndex((t) => t.startsWith(`${type}/`));
  if (index < 0) throw new Error(`no sample type ${type}`);
  const sums = new Map<string, number>();
  for (const s of stacks(profile)) {
    const leaf = s.names[0] ?? '';
    sums.set(leaf, (sums.get(leaf) ?? 0) + s.values[index]);
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
}

/**
 * A served site with enough posts that rendering is the work (no render cache, so every request
 * renders), stopped after the test.
 */
export async function servedSite(t: TestContext, posts = 24) {
  const files: Record<string, string> = {};
  for (let i = 1; i <= posts; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const body = `${'A paragraph with *emphasis*, `code` and a [link](/x). '.repeat(40)}\n\n`;
    files[`post/p${i}.md`] = post(`Post ${i}`, `2015-10-${day}`, ['go', `t${i % 5}`]) + body;
  }
  const s = await makeSite(t, files);
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  return serve(t, opened, 10, 0);
}

/** The site's pages that render through templates: home, list pages, tags, a post, feeds. */
export const PAGES = ['/', '/posts/2.html', '/tags/go.html', '/archive', '/feed.xml', '/atom.xml'];

/** Fetches `paths` round-robin from `base` until `ms` pass: bounded, one request at a time. */
export async function load(base: string, paths: readonly string[], ms: number): Promise<number> {
  const end = Date.now() + ms;
  let n = 0;
  while (Date.now() < end) {
    const res = await fetch(base + paths[n % paths.length]);
    await res.arrayBuffer();
    n++;
  }
  return n;
}

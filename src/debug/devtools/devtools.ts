// Chrome DevTools' own formats, each a download DevTools loads: .heapprofile, .cpuprofile and
// .heapsnapshot.

import type Router from '@koa/router';
import type { Context } from 'koa';
import { clientGone } from '../client-gone.js';
import type { DebugContext } from '../debug-context.js';
import { GO_MESSAGES, goError, readSeconds } from '../pprof/go-errors.js';
import { takeCpuProfile } from './devtools-cpu-profile.js';
import { toHeapProfile } from './devtools-heap-profile.js';
import { refusalMessage, type SnapshotGuard } from './snapshot-guard.js';

/** Go's default for a CPU profile is 30 s; a person waiting in DevTools wants less. */
const DEFAULT_CPU_SECONDS = '10';

/** "pugo-<pid>-<UTC time>.<ext>": DevTools picks the loader by the extension. */
export function devtoolsFileName(ext: string, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `pugo-${process.pid}-${stamp}.${ext}`;
}

function attach(ctx: Context, ext: string): void {
  ctx.type = 'application/json; charset=utf-8';
  ctx.set('Content-Disposition', `attachment; filename="${devtoolsFileName(ext)}"`);
}

/** Go refuses `seconds` on a profile that has no delta form; so do these. */
function refuseSeconds(ctx: Context): boolean {
  if (ctx.query.seconds === undefined) return false;
  goError(ctx, 400, GO_MESSAGES.secondsUnsupported);
  return true;
}

function heapProfile(ctx: Context, d: DebugContext): void {
  if (refuseSeconds(ctx)) return;
  const profile = toHeapProfile(d.heap.allocationTree(), process.memoryUsage().external);
  attach(ctx, 'heapprofile');
  ctx.body = JSON.stringify(profile);
}

async function cpuProfile(ctx: Context, d: DebugContext): Promise<void> {
  const raw = ctx.query.seconds;
  const given = typeof raw === 'string' && raw !== '' ? raw : DEFAULT_CPU_SECONDS;
  const seconds = readSeconds(ctx, given, d.maxProfileSeconds);
  if (seconds === null) return;
  if (Number(ctx.query.debug ?? 0)) return goError(ctx, 400, GO_MESSAGES.secondsWithDebug);
  // One lock with /debug/pprof/profile: two CPU profilers at once would each slow the other.
  const gone = clientGone(ctx);
  const profile = await d.cpu.exclusive(() => takeCpuProfile(seconds, gone));
  if (gone.aborted) return;
  if (!profile) return goError(ctx, 409, GO_MESSAGES.cpuBusy);
  attach(ctx, 'cpuprofile');
  ctx.body = JSON.stringify(profile);
}

/**
 * Refused with 409 both while another is taken and while the heap is above the limit, not 413:
 * 413 says the request's own content is too large, and a client can send nothing smaller. The
 * refusal is about the server's present state, which may change (the heap shrinks, the limit is
 * raised); the message says which it was. HEAD answers without taking one: a snapshot is only
 * ever taken for a GET that asks for it, never by a link checker or a prefetch.
 */
function heapSnapshot(ctx: Context, guard: SnapshotGuard): void {
  if (refuseSeconds(ctx)) return;
  if (ctx.method === 'HEAD') {
    ctx.status = 200;
    attach(ctx, 'heapsnapshot');
    return;
  }
  const taken = guard.take();
  if ('reason' in taken) {
    goError(ctx, 409, refusalMessage(taken));
    return;
  }
  attach(ctx, 'heapsnapshot');
  // Streamed: V8 serialises the snapshot into the stream in chunks that go out as the client
  // reads, never joined into one string (which would hold the snapshot's text twice).
  ctx.body = taken;
}

export function registerDevtools(router: Router, d: DebugContext): void {
  router.get('/debug/pprof/heapprofile', (ctx) => heapProfile(ctx, d));
  router.get('/debug/pprof/cpuprofile', (ctx) => cpuProfile(ctx, d));
  router.get('/debug/pprof/heapsnapshot', (ctx) => heapSnapshot(ctx, d.snapshots));
}

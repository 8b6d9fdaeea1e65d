// GET /debug/leaks?seconds=N: who holds what grew. Three heap snapshots (at 0, N/2 and N s)
// are written to files, analysed in a child process (leak-analysis.ts), and reported as text a
// person reads, or JSON (format=json) for the dashboard. keep=1 leaves the files for DevTools
// or memlab and names them.

import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { clientGone, waitUnlessGone } from '../client-gone.js';
import type { DebugContext } from '../debug-context.js';
import { refusalMessage } from '../devtools/snapshot-guard.js';
import { goError, readSeconds } from '../pprof/go-errors.js';
import type { LeakAnalysis } from './leak-analysis.js';
import { leakText } from './leak-text.js';

/** Long enough for a few hundred requests between snapshots. */
const DEFAULT_SECONDS = '10';

/**
 * The analysis child's heap: it holds one parsed snapshot at a time, nodes and edges in typed
 * arrays (about 40 bytes a node), strings as strings.
 */
const CHILD_HEAP_MB = 4096;

export interface LeakReport extends LeakAnalysis {
  seconds: number;
  pid: number;
  /** When each snapshot was taken (s from the first) and how long it blocked the process. */
  taken: { atSeconds: number; blockedMs: number }[];
  /** How long the analysis ran, in its own process (the server went on meanwhile). */
  analysisMs: number;
  /** The folder the snapshots were left in (keep=1). */
  kept?: string;
}

export function registerLeaks(router: Router, d: DebugContext): void {
  router.get('/debug/leaks', (ctx) => leakReport(ctx, d));
}

async function leakReport(ctx: Context, d: DebugContext): Promise<void> {
  const raw = ctx.query.seconds;
  const given = typeof raw === 'string' && raw !== '' ? raw : DEFAULT_SECONDS;
  const seconds = readSeconds(ctx, given, d.maxProfileSeconds);
  if (seconds === null) return;
  const json = ctx.query.format === 'json';
  const keep = ctx.query.keep === '1';
  const release = d.snapshots.hold();
  if (typeof release !== 'function') return goError(ctx, 409, refusalMessage(release));
  const gone = clientGone(ctx);
  const dir = await mkdtemp(join(tmpdir(), `pugo-leaks-${process.pid}-`));
  try {
    const files: string[] = [];
    const taken: LeakReport['taken'] = [];
    const started = performance.now();
    for (let i = 0; i < 3; i++) {
      if (i > 0 && !(await waitUnlessGone(seconds / 2, gone))) return;
      // The heap may have grown past the limit while the report waited.
      const refusal = d.snapshots.tooLarge();
      if (refusal) return goError(ctx, 409, refusalMessage(refusal));
      const file = join(dir, `${['baseline', 'second', 'third'][i]}.heapsnapshot`);
      const before = performance.now();
      writeHeapSnapshot(file);
      const blockedMs = performance.now() - before;
      taken.push({ atSeconds: (before - started) / 1000, blockedMs });
      files.push(file);
    }
    const analysisStarted = performance.now();
    const analysis = await analyzeInChild(files, gone);
    if (!analysis) return;
    const report: LeakReport = {
      seconds,
      pid: process.pid,
      taken,
      analysisMs: performance.now() - analysisStarted,
      ...analysis,
      ...(keep ? { kept: dir } : {}),
    };
    ctx.set('Cache-Control', 'no-store');
    if (json) {
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = JSON.stringify(report);
    } else {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = leakText(report);
    }
  } finally {
    release();
    if (!keep || ctx.status !== 200) await rm(dir, { recursive: true, force: true });
  }
}

const CHILD = join(import.meta.dirname ?? '.', 'leak-child.js');

/** The analysis from a child process; null if the client left first (the child is killed). */
function analyzeInChild(files: string[], gone: AbortSignal): Promise<LeakAnalysis | null> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, files, {
      execArgv: [`--max-old-space-size=${CHILD_HEAP_MB}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let result: LeakAnalysis | null = null;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.once('message', (message) => {
      result = message as LeakAnalysis;
    });
    const onGone = () => child.kill();
    gone.addEventListener('abort', onGone, { once: true });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      gone.removeEventListener('abort', onGone);
      if (result) resolve(result);
      else if (gone.aborted) resolve(null);
      else reject(new Error(`leak analysis exited ${signal ?? code}: ${stderr.trim()}`));
    });
  });
}

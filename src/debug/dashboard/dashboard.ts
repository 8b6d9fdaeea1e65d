// The dashboard's routes: /debug/ (the page), its chart and history, the watchdog's profiles.

import { randomBytes } from 'node:crypto';
import { encode } from '@datadog/pprof';
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { DebugContext } from '../debug-context.js';
import { goError } from '../pprof/go-errors.js';
import type { Profile } from '../pprof/heap-sampler.js';
import type { RuntimeStats } from '../runtime-stats.js';
import { debugVars } from '../vars.js';
import { memoryChart } from './dashboard-chart.js';
import { type DashboardView, dashboardPage } from './dashboard-page.js';
import { topSites, totalBytes } from './dashboard-sites.js';

/**
 * Nothing on the page may load from anywhere: the one script runs by nonce, styles are inline,
 * and the only request it makes is the chart's refresh, to this listener.
 */
function policy(nonce: string): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function viewOf(ctx: Context, d: DebugContext, runtime: RuntimeStats): DashboardView {
  const profile = d.heap.profile();
  return {
    vars: debugVars(d, runtime),
    samples: d.memory.history.samples(),
    sampleSeconds: d.memory.sampleSeconds,
    sites: topSites(profile),
    sampledBytes: totalBytes(profile),
    watch: d.memory.watchdog.state(),
    host: ctx.host,
    now: Date.now(),
  };
}

function page(ctx: Context, d: DebugContext, runtime: RuntimeStats): void {
  const nonce = randomBytes(16).toString('base64');
  ctx.set('Content-Security-Policy', policy(nonce));
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = dashboardPage(viewOf(ctx, d, runtime), nonce);
}

/** A kept profile as `go tool pprof` fetches it: gzip'd protobuf, as a download. */
async function sendKept(ctx: Context, name: string, kept: { profile: Profile } | undefined) {
  if (!kept) {
    return goError(
      ctx,
      404,
      'the watchdog has no base profile yet: it takes one at its first sample',
    );
  }
  ctx.type = 'application/octet-stream';
  ctx.set('Content-Disposition', `attachment; filename="${name}"`);
  ctx.body = Buffer.from(await encode(kept.profile));
}

export function registerDashboard(router: Router, d: DebugContext, runtime: RuntimeStats): void {
  router.get('/debug/', (ctx) => page(ctx, d, runtime));
  router.get('/debug', (ctx) => ctx.redirect('/debug/'));
  router.get('/debug/chart.html', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = memoryChart(d.memory.history.samples(), d.memory.sampleSeconds);
  });
  router.get('/debug/history.json', (ctx) => {
    const { history, sampleSeconds } = d.memory;
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = `${JSON.stringify({ sampleSeconds, capacity: history.capacity, samples: history.samples() })}\n`;
  });
  router.get('/debug/pprof/watchdog-base', (ctx) =>
    sendKept(ctx, 'watchdog-base', d.memory.watchdog.baseProfile()),
  );
  router.get('/debug/pprof/watchdog-current', (ctx) =>
    sendKept(ctx, 'watchdog-current', d.memory.watchdog.currentProfile()),
  );
}

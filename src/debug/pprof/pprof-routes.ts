// Go's net/http/pprof routes: the index, heap, profile (CPU) and cmdline, as `go tool pprof` expects.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { encode } from '@datadog/pprof';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { clientGone, waitUnlessGone } from '../client-gone.js';
import { esc } from '../dashboard/dashboard-format.js';
import type { DebugContext } from '../debug-context.js';
import { GO_MESSAGES, goError, readSeconds } from './go-errors.js';
import { SAMPLE_INTERVAL_BYTES } from './heap-sampler.js';
import { subtractProfile } from './profile-delta.js';
import { heapText } from './profile-text.js';

/** The profiles the index lists, with Go's descriptions where Go has the same profile. */
export const PROFILES: { name: string; href: string; about: string }[] = [
  {
    name: 'heap',
    href: 'heap?debug=1',
    about:
      'A sampling of memory in use (V8 heap, 512 KiB interval; Buffers as one entry). ?gc=1 collects garbage first; ?seconds=N gives what changed over N seconds.',
  },
  {
    name: 'profile',
    href: 'profile?seconds=30',
    about:
      'CPU profile. You can specify the duration in the seconds GET parameter. After you get the profile file, use the go tool pprof command to investigate the profile.',
  },
  {
    name: 'cmdline',
    href: 'cmdline',
    about: 'The command line invocation of the current program.',
  },
  {
    name: 'heapprofile',
    href: 'heapprofile',
    about: 'The heap sampling profile for Chrome DevTools (Memory tab, load a .heapprofile).',
  },
  {
    name: 'cpuprofile',
    href: 'cpuprofile?seconds=10',
    about: 'A CPU profile for Chrome DevTools (Performance tab, load a .cpuprofile).',
  },
  {
    name: 'watchdog-base',
    href: 'watchdog-base',
    about:
      "The leak watchdog's base heap profile (the oldest it keeps); with watchdog-current: go tool pprof -base watchdog-base watchdog-current shows what grew.",
  },
  {
    name: 'watchdog-current',
    href: 'watchdog-current',
    about:
      'The heap profile the leak watchdog compares with its base: taken when it warned, else now.',
  },
  {
    name: 'heapsnapshot',
    href: 'heapsnapshot',
    about:
      'A full heap snapshot for Chrome DevTools. Blocks the process while it is taken: one at a time, refused above the configured heap size.',
  },
];

/** V8's gc(), exposed on first need: `?gc=1` asks for a collection before the profile, as Go's does. */
function collectGarbage(d: DebugContext): void {
  if (!d.gc) {
    setFlagsFromString('--expose-gc');
    d.gc = runInNewContext('gc') as () => void;
  }
  d.gc();
}

async function sendProfile(
  ctx: Context,
  name: string,
  profile: Parameters<typeof encode>[0],
): Promise<void> {
  ctx.type = 'application/octet-stream';
  ctx.set('Content-Disposition', `attachment; filename="${name}"`);
  ctx.body = Buffer.from(await encode(profile));
}

async function heap(ctx: Context, d: DebugContext): Promise<void> {
  const debug = Number(ctx.query.debug ?? 0) || 0;
  const secondsRaw = ctx.query.seconds;
  if (typeof secondsRaw === 'string' && secondsRaw !== '') {
    if (debug !== 0) return goError(ctx, 400, GO_MESSAGES.secondsWithDebug);
    const seconds = readSeconds(ctx, secondsRaw, d.maxProfileSeconds);
    if (seconds === null) return;
    const { deltas } = d;
    if (deltas.waiting >= deltas.max)
      return goError(
        ctx,
        409,
        `${deltas.max} heap profiles with seconds are in progress; try again when one ends`,
      );
    const gone = clientGone(ctx);
    deltas.waiting++;
    const before = d.heap.profile();
    const waited = await waitUnlessGone(seconds, gone).finally(() => deltas.waiting--);
    if (!waited) return;
    const delta = subtractProfile(d.heap.profile(), before);
    delta.durationNanos = seconds * 1e9;
    return sendProfile(ctx, 'heap-delta', delta);
  }
  if (Number(ctx.query.gc ?? 0) > 0) collectGarbage(d);
  const profile = d.heap.profile();
  if (debug !== 0) {
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = heapText(profile, SAMPLE_INTERVAL_BYTES, process.memoryUsage());
    return;
  }
  return sendProfile(ctx, 'heap', profile);
}

async function cpu(ctx: Context, d: DebugContext): Promise<void> {
  const raw =
    typeof ctx.query.seconds === 'string' && ctx.query.seconds !== '' ? ctx.query.seconds : '30';
  const seconds = readSeconds(ctx, raw, d.maxProfileSeconds);
  if (seconds === null) return;
  if (Number(ctx.query.debug ?? 0)) return goError(ctx, 400, GO_MESSAGES.secondsWithDebug);
  const gone = clientGone(ctx);
  const profile = await d.cpu.profile(seconds, gone);
  if (gone.aborted) return;
  if (!profile) return goError(ctx, 409, GO_MESSAGES.cpuBusy);
  return sendProfile(ctx, 'profile', profile);
}

function index(ctx: Context): void {
  const rows = PROFILES.map(
    (p) => `<tr><td><a href="${p.href}">${p.name}</a></td><td>${p.about}</td></tr>`,
  );
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>/debug/pprof/</title></head>
<body><h1>/debug/pprof/</h1>
<p>Set debug=1 as a query parameter to export in legacy text format. More: <a href="/debug/">the memory dashboard</a>, <a href="/debug/vars">/debug/vars</a>.</p>
<table><thead><tr><th>Profile</th><th>Description</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<p>go tool pprof http://${esc(ctx.host)}/debug/pprof/heap</p>
</body></html>
`;
}

export function registerPprof(router: Router, d: DebugContext): void {
  router.get('/debug/pprof/', index);
  router.get('/debug/pprof', (ctx) => ctx.redirect('/debug/pprof/'));
  router.get('/debug/pprof/heap', (ctx) => heap(ctx, d));
  router.get('/debug/pprof/profile', (ctx) => cpu(ctx, d));
  router.get('/debug/pprof/cmdline', (ctx) => {
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = process.argv.join('\u0000');
  });
}

/** Registered last: any other profile name is Go's 404. */
export function registerUnknownProfiles(router: Router): void {
  router.get('/debug/pprof/:name', (ctx) => goError(ctx, 404, GO_MESSAGES.unknownProfile));
}

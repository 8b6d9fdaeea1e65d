// The /debug/ page itself: one self-contained HTML document, no request leaves it.

import { SAMPLE_INTERVAL_BYTES } from '../pprof/heap-sampler.js';
import type { debugVars } from '../vars.js';
import type { MemorySample } from '../watchdog/memory-history.js';
import type { WatchState } from '../watchdog/watchdog.js';
import { memoryChart } from './dashboard-chart.js';
import { esc, formatBytes, formatCount, formatSeconds } from './dashboard-format.js';
import { DASHBOARD_SCRIPT } from './dashboard-script.js';
import type { Site } from './dashboard-sites.js';
import { DASHBOARD_CSS } from './dashboard-style.js';
import {
  cachesTable,
  poolsTable,
  requestFigures,
  runtimeFigures,
  storeFigures,
} from './dashboard-tables.js';
import { topSitesList } from './dashboard-top.js';
import { watchPanel } from './dashboard-watch.js';

export interface DashboardView {
  vars: ReturnType<typeof debugVars>;
  samples: MemorySample[];
  sampleSeconds: number;
  sites: Site[];
  /** In-use bytes of the whole heap profile, for each site's share. */
  sampledBytes: number;
  watch: WatchState;
  /** host:port as the browser asked, for the go tool pprof commands. */
  host: string;
  now: number;
}

/** Every profile the listener serves, relative to /debug/. */
const PROFILE_LINKS: [href: string, about: string][] = [
  ['pprof/', 'the index, as Go’s net/http/pprof'],
  ['pprof/heap', 'heap profile for go tool pprof (gzip’d protobuf)'],
  ['pprof/heap?debug=1', 'the same heap profile as text'],
  ['pprof/profile?seconds=30', 'CPU profile for go tool pprof; takes 30 s'],
  ['pprof/heapprofile', 'heap sampling profile for Chrome DevTools (Memory tab)'],
  ['pprof/cpuprofile?seconds=10', 'CPU profile for Chrome DevTools; takes 10 s'],
  ['pprof/heapsnapshot', 'full heap snapshot for DevTools: blocks the process while taken'],
  ['leaks?seconds=10', 'what grew over 10 s and what holds it: three snapshots, retainer paths'],
  ['vars', 'every figure as JSON'],
  ['history.json', 'the memory samples behind the chart, as JSON'],
];

const SECTIONS: [id: string, title: string][] = [
  ['memory', 'Memory'],
  ['watchdog', 'Watchdog'],
  ['sites', 'Top allocation sites'],
  ['pools', 'Pools'],
  ['caches', 'Caches'],
  ['store', 'Store'],
  ['runtime', 'Runtime'],
  ['profiles', 'Profiles'],
];

function stat(label: string, value: string, sub: string): string {
  return `<div class="stat"><div class="label">${esc(label)}</div><div class="value">${esc(value)}</div><div class="sub">${esc(sub)}</div></div>`;
}

function stats(v: DashboardView): string {
  const m = v.vars.process.memory;
  const after = [...v.samples].reverse().find((s) => s.heapAfterGc !== undefined);
  const loop = v.vars.eventLoopDelayMs;
  return `<div class="stats">
${stat('RSS', formatBytes(m.rss), `peak ${formatBytes(v.vars.process.maxRssBytes)}`)}
${stat('Heap used', formatBytes(m.heapUsed), `of ${formatBytes(m.heapTotal)} reserved`)}
${stat('External', formatBytes(m.external), `${formatBytes(m.arrayBuffers)} in ArrayBuffers`)}
${stat('Heap after full GC', after ? formatBytes(after.heapAfterGc ?? 0) : '–', after ? `${formatSeconds((v.now - after.t) / 1000)} ago` : 'no full GC seen yet')}
${stat('Requests', formatCount(v.vars.requests.total), `${formatCount(v.vars.requests.inFlight)} in flight`)}
${stat('Loop delay p99', `${loop.p99} ms`, `max ${loop.max} ms`)}
</div>`;
}

/** A titled section; `attrs` adds classes or data to it (the alert colour, the chart's period). */
function card(id: string, title: string, note: string, body: string, attrs = ''): string {
  const small = note ? ` <small>${esc(note)}</small>` : '';
  return `<section class="card" id="${id}"${attrs} aria-labelledby="${id}-h"><h2 id="${id}-h">${esc(title)}${small}</h2>\n${body}\n</section>`;
}

function header(v: DashboardView): string {
  const p = v.vars.process;
  const site = v.vars.site;
  const nav = SECTIONS.map(([id, title]) => `<a href="#${id}">${esc(title)}</a>`).join('');
  return `<header class="top"><div class="wrap">
<h1>pugo <span>debug</span></h1>
<p class="meta">pid ${p.pid} · node ${esc(p.node)} · up ${esc(formatSeconds(p.uptimeSeconds))} · ${plural(site.posts, 'post')}, ${plural(site.pages, 'page')}</p>
<nav aria-label="sections">${nav}</nav>
</div></header>`;
}

function profileLinks(): string {
  const items = PROFILE_LINKS.map(
    ([href, about]) =>
      `<li><a href="${esc(href)}"><code>/debug/${esc(href)}</code><small>${esc(about)}</small></a></li>`,
  );
  return `<ul class="profiles">${items.join('')}</ul>`;
}

/** What the memory is doing: over time, whether it leaks, and where it is held now. */
function memorySections(v: DashboardView): string[] {
  const span = formatSeconds(((v.samples.at(-1)?.t ?? 0) - (v.samples[0]?.t ?? 0)) / 1000);
  const every = formatSeconds(v.sampleSeconds);
  const chart = `<div class="chart-body">${memoryChart(v.samples, v.sampleSeconds)}</div>`;
  const alert = v.watch.growing ? ' data-alert' : '';
  const windowNote = `window ${formatSeconds(v.watch.rule.windowSeconds)}`;
  const sampling = `in use now, sampled every ${formatBytes(SAMPLE_INTERVAL_BYTES)}; ${formatBytes(v.sampledBytes)} in the profile; open one for its callers and callees`;
  return [
    card(
      'memory',
      'Memory over time',
      `last ${span}, a sample every ${every}`,
      chart,
      ` data-every="${v.sampleSeconds}"`,
    ),
    card('watchdog', 'Leak watchdog', windowNote, watchPanel(v.watch, v.host, v.now), alert),
    card('sites', 'Top allocation sites', sampling, topSitesList(v.sites, v.sampledBytes)),
  ];
}

/** The site's own figures, the runtime's, and the way to every profile. */
function figureSections(v: DashboardView): string[] {
  const pools = 'idle handlers kept per route, and what they served';
  return [
    card('pools', 'Handler pools', pools, poolsTable(v.vars.pools)),
    `<div class="cols">`,
    card('caches', 'Caches', '', cachesTable(v.vars.caches)),
    card('store', 'Store and site', '', storeFigures(v.vars)),
    card('requests', 'Requests', '', requestFigures(v.vars)),
    `</div>`,
    card(
      'runtime',
      'GC and event loop',
      'since the debug listener started',
      runtimeFigures(v.vars),
    ),
    card('profiles', 'Profiles', `go tool pprof http://${v.host}/debug/pprof/heap`, profileLinks()),
  ];
}

/** The page; `nonce` lets the one inline script run under a policy that allows nothing else. */
export function dashboardPage(v: DashboardView, nonce: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pugo debug · ${esc(formatBytes(v.vars.process.memory.rss))} RSS</title>
<style>${DASHBOARD_CSS}</style>
</head><body>
${header(v)}
<main class="wrap">
${stats(v)}
${[...memorySections(v), ...figureSections(v)].join('\n')}
<footer>Figures as of ${esc(new Date(v.now).toISOString())}; reload for fresh ones (the chart keeps itself current).</footer>
</main>
<script nonce="${esc(nonce)}">${DASHBOARD_SCRIPT}</script>
</body></html>
`;
}

/** '1 page', '2 pages', '1,000 posts'. */
function plural(n: number, one: string): string {
  return `${formatCount(n)} ${n === 1 ? one : `${one}s`}`;
}

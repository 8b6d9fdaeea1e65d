// The dashboard's figure tables: handler pools, caches, the store, requests, GC and event loop.

import type { PoolFigures } from '../../site/handler-pool.js';
import type { CacheFigures } from '../sources.js';
import type { debugVars } from '../vars.js';
import { esc, formatBytes, formatCount } from './dashboard-format.js';

type Vars = ReturnType<typeof debugVars>;

/** A column: its heading, and whether it holds numbers (right-aligned, tabular figures). */
type Column = [label: string, numeric?: boolean];

/** A table that scrolls sideways on a narrow screen instead of squeezing its columns. */
export function table(columns: Column[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${esc(empty)}</p>`;
  const cls = (c: Column) => (c[1] ? ' class="num"' : '');
  const head = columns.map((c) => `<th scope="col"${cls(c)}>${esc(c[0])}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((cell, i) => `<td${cls(columns[i] ?? [''])}>${cell}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** Label and value pairs, for figures that are one of a kind. */
export function figures(pairs: [string, string][]): string {
  const items = pairs.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${v}</dd></div>`).join('');
  return `<dl class="figures">${items}</dl>`;
}

export function poolsTable(pools: PoolFigures[]): string {
  const columns: Column[] = [
    ['route'],
    ['size', true],
    ['created', true],
    ['reused', true],
    ['idle', true],
    ['in use', true],
    ['high-water', true],
  ];
  const rows = pools.map((p) => [
    `<code>${esc(p.route)}</code>`,
    ...[p.size, p.created, p.reused, p.idle, p.inUse, p.highWater].map(formatCount),
  ]);
  return table(columns, rows, 'No handler pool has served a request yet.');
}

function hitRate(c: CacheFigures): string {
  const asked = c.hits + c.misses;
  return asked === 0 ? 'none asked' : `${Math.round((100 * c.hits) / asked)}% hit`;
}

export function cachesTable(caches: CacheFigures[]): string {
  const columns: Column[] = [
    ['cache'],
    ['entries', true],
    ['held', true],
    ['hits', true],
    ['misses', true],
    ['evictions', true],
    ['dropped on change', true],
  ];
  const rows = caches.map((c) => [
    esc(c.name),
    formatCount(c.entries),
    `${formatBytes(c.bytes)}<small class="sub">of ${formatBytes(c.maxBytes)}</small>`,
    `${formatCount(c.hits)}<small class="sub">${hitRate(c)}</small>`,
    formatCount(c.misses),
    formatCount(c.evictions),
    formatCount(c.dropped),
  ]);
  return table(columns, rows, 'No cache reports figures.') + codingFigures(caches);
}

/** What the render cache holds of each form, and what making them has cost. */
function codingFigures(caches: CacheFigures[]): string {
  const render = caches.find((c) => c.name === 'render');
  if (!render) return '';
  const b = render.bytesByCoding;
  return figures([
    ['kept as brotli', formatBytes(b.br)],
    ['kept plain', formatBytes(b.identity)],
    ['kept as gzip', formatBytes(b.gzip)],
    [
      'compressing',
      `${formatCount(render.codingMs)} ms<small class="sub">${formatCount(render.codings)} times</small>`,
    ],
    ['made, not kept', `${formatCount(render.notKept)}<small class="sub">no room</small>`],
  ]);
}

/** The site served against the content: up to date, or stale since when and why. */
function healthText(h: Vars['health']): string {
  if (h.status === 'ok')
    return `up to date<small class="sub">synced ${esc(h.syncedAt ?? 'never')}</small>`;
  return `<strong>stale</strong> since ${esc(h.staleSince ?? '')}<small class="sub">${esc(h.reason ?? '')}</small>`;
}

export function storeFigures(vars: Vars): string {
  const { store, site, health, warmer } = vars;
  return figures([
    ['served site', healthText(health)],
    [
      'cache warming',
      warmer
        ? `${formatCount(warmer.warmed)} pages${warmer.running ? ' · running' : ''}<small class="sub">${formatCount(warmer.passes)} passes, ${formatCount(warmer.failed)} failed</small>`
        : 'off',
    ],
    ['location', `<code>${esc(store.location)}</code>`],
    ['files', formatCount(store.files)],
    ['posts', formatCount(store.posts)],
    ['pages', formatCount(store.pages)],
    ['tags', formatCount(site.tags)],
    ['sync batches', formatCount(store.batches)],
    ['reads', formatCount(store.reads)],
  ]);
}

export function requestFigures(vars: Vars): string {
  const r = vars.requests;
  return figures([
    ['total', formatCount(r.total)],
    ['in flight', formatCount(r.inFlight)],
    ...Object.entries(r.byStatus).map(([k, v]): [string, string] => [k, formatCount(v)]),
  ]);
}

const ms = (n: number) => `${formatCount(Math.round(n * 100) / 100)} ms`;

export function runtimeFigures(vars: Vars): string {
  const { gc, eventLoopDelayMs: loop } = vars;
  const kinds = Object.entries(gc.byKind).map(([kind, k]): [string, string] => [
    `GC ${kind}`,
    `${formatCount(k.count)} · ${ms(k.pauseMs)}`,
  ]);
  return figures([
    ['GCs since start', formatCount(gc.count)],
    ['GC pause, total', ms(gc.pauseMsTotal)],
    ['GC pause, longest', ms(gc.pauseMsMax)],
    ...kinds,
    ['loop delay p50', ms(loop.p50)],
    ['loop delay p99', ms(loop.p99)],
    ['loop delay max', ms(loop.max)],
  ]);
}

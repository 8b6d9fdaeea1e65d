// The dashboard's memory chart: RSS, heap used and external over time, drawn on the server.

import type { MemorySample } from '../watchdog/memory-history.js';
import { esc, formatBytes, formatSeconds } from './dashboard-format.js';

/** The lines drawn, in legend order; colours come from the page's CSS (light and dark). */
export const SERIES = [
  { key: 'rss', label: 'RSS' },
  { key: 'heapUsed', label: 'heap used' },
  { key: 'external', label: 'external (Buffers)' },
] as const;

/**
 * The plot is stretched to any width (preserveAspectRatio none, strokes that do not scale),
 * and its labels are HTML placed in percent: text stays legible at 390 px as at 1280.
 */
const W = 1000;
const H = 300;

/** A round top for the y axis, four or five steps of 1, 2, 2.5 or 5 times a power of ten MiB. */
function niceMax(max: number): { top: number; step: number } {
  const mib = Math.max(max / 1048576, 1);
  const rough = mib / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  return { top: Math.ceil(mib / step) * step * 1048576, step: step * 1048576 };
}

interface Scale {
  x: (t: number) => number;
  y: (bytes: number) => number;
  t0: number;
  t1: number;
  top: number;
  step: number;
}

function scaleOf(samples: MemorySample[], sampleSeconds: number): Scale {
  const t0 = samples[0].t;
  const t1 = Math.max(samples.at(-1)?.t ?? t0, t0 + sampleSeconds * 1000);
  const max = Math.max(...samples.map((s) => Math.max(s.rss, s.heapUsed, s.external)));
  const { top, step } = niceMax(max);
  return {
    x: (t) => Math.round(((t - t0) / (t1 - t0)) * W * 10) / 10,
    y: (b) => Math.round((H - (b / top) * H) * 10) / 10,
    t0,
    t1,
    top,
    step,
  };
}

/** Time steps a person counts in; the chart takes the first that gives at most four ticks. */
const TIME_STEPS = [10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200];

/** Ticks back from the newest sample: now, −1 min, −2 min, ..., with a faint line at each. */
function timeTicks(s: Scale): { grid: string[]; labels: string[] } {
  const span = (s.t1 - s.t0) / 1000;
  const step = TIME_STEPS.find((t) => span / t <= 4) ?? span / 4;
  const grid: string[] = [];
  const labels: string[] = [];
  for (let ago = 0; ago <= span + 0.001; ago += step) {
    const x = s.x(s.t1 - ago * 1000);
    const pct = (100 * x) / W;
    const edge = ago === 0 ? ' last' : pct < 6 ? ' first' : '';
    const text = ago === 0 ? 'now' : `−${formatSeconds(ago)}`;
    if (ago > 0) grid.push(`<line class="grid" x1="${x}" x2="${x}" y1="0" y2="${H}"/>`);
    labels.push(`<span class="xlabel${edge}" style="left:${pct.toFixed(2)}%">${esc(text)}</span>`);
  }
  return { grid, labels };
}

function gridAndLabels(s: Scale): { grid: string; labels: string } {
  const { grid, labels } = timeTicks(s);
  for (let v = 0; v <= s.top + 1; v += s.step) {
    grid.push(`<line class="grid" x1="0" x2="${W}" y1="${s.y(v)}" y2="${s.y(v)}"/>`);
    const pct = (100 * s.y(v)) / H;
    labels.push(`<span class="ylabel" style="top:${pct.toFixed(2)}%">${formatBytes(v)}</span>`);
  }
  return { grid: grid.join(''), labels: labels.join('') };
}

function lines(samples: MemorySample[], s: Scale): string {
  const out = SERIES.map(({ key }) => {
    const points = samples.map((m) => `${s.x(m.t)},${s.y(m[key])}`).join(' ');
    return `<polyline class="line s-${key}" points="${points}"/>`;
  });
  const dots = samples
    .filter((m) => m.heapAfterGc !== undefined)
    .map((m) => `M${s.x(m.t)} ${s.y(m.heapAfterGc ?? 0)}h0`);
  if (dots.length > 0) out.push(`<path class="dots s-heapAfterGc" d="${dots.join('')}"/>`);
  return out.join('');
}

/** The chart's figure (plot, axis labels, legend, hover readout), or a note while it fills in. */
/** At most ~720 points: more than a wide screen has pixels for, and the page stays small. */
function thin(samples: MemorySample[], most = 720): MemorySample[] {
  const every = Math.ceil(samples.length / most);
  if (every <= 1) return samples;
  // Every reading of the heap after GC stays: the watchdog judges those, the chart shows them.
  return samples.filter(
    (s, i) => (samples.length - 1 - i) % every === 0 || s.heapAfterGc !== undefined,
  );
}

export function memoryChart(all: MemorySample[], sampleSeconds: number): string {
  const samples = thin(all);
  if (samples.length < 2) {
    return `<p class="empty">The chart fills in as samples arrive, one every ${formatSeconds(sampleSeconds)}.</p>`;
  }
  const s = scaleOf(samples, sampleSeconds);
  const { grid, labels } = gridAndLabels(s);
  const legend = [...SERIES, { key: 'heapAfterGc', label: 'heap after full GC' }]
    .map((x) => `<span class="key"><i class="sw s-${x.key}"></i>${esc(x.label)}</span>`)
    .join('');
  const data = JSON.stringify({ x0: s.t0, x1: s.t1, samples }).replace(/</g, '\\u003c');
  return `<div class="legend">${legend}</div>
<div class="plot" role="img" aria-label="Memory over the last ${esc(formatSeconds((s.t1 - s.t0) / 1000))}: RSS, heap used and external">
<svg viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" aria-hidden="true">${grid}${lines(samples, s)}<line class="cursor" x1="0" x2="0" y1="0" y2="${H}" visibility="hidden"/></svg>
${labels}
</div>
<p class="readout" aria-live="polite"></p>
<script type="application/json" class="history-data">${data}</script>`;
}

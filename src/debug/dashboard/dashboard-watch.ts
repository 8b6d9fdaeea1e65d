// The dashboard's watchdog panel: quiet, or the warning with its top growers and the pprof diff.

import { LEAK_REPORT_SECONDS, type WatchState, type WatchWarning } from '../watchdog/watchdog.js';
import { esc, formatBytes, formatCount, formatSeconds, functionLabel } from './dashboard-format.js';
import { table } from './dashboard-tables.js';

function ago(now: number, t: number): string {
  return `${formatSeconds((now - t) / 1000)} ago`;
}

function growersTable(w: WatchWarning): string {
  const rows = w.growers.map((g) => [
    functionLabel(g.name, g.file, g.line),
    `+${formatBytes(g.bytes)}<small class="sub">${g.objects >= 0 ? '+' : ''}${formatCount(g.objects)} objects</small>`,
  ]);
  return table(
    [['function'], ['grew', true]],
    rows,
    'No function grew in the heap profile: look at external memory (Buffers) in the chart.',
  );
}

/**
 * The leak report, as a button (a GET form): what holds what grew. It blocks the process for
 * each of its three snapshots, so it runs only when asked.
 */
function leakButton(seconds: number): string {
  return `<form class="leaks" method="get" action="leaks"><input type="hidden" name="seconds" value="${seconds}"><button type="submit">Who holds it? Leak report over ${seconds} s</button> <span class="dim">three heap snapshots, each blocking the process for a moment</span></form>`;
}

/** The links and the command that show what grew, from `go tool pprof` or a browser. */
function diffHelp(host: string): string {
  const url = (name: string) => `http://${host}/debug/pprof/${name}`;
  return `<p class="links"><a href="pprof/watchdog-base" download>base profile</a> · <a href="pprof/watchdog-current" download>current profile</a></p>
<pre class="cmd"><code>go tool pprof -base ${esc(url('watchdog-base'))} ${esc(url('watchdog-current'))}</code></pre>`;
}

function warningBlock(w: WatchWarning, now: number, growing: boolean): string {
  const when = growing
    ? `Warned ${ago(now, w.at)}; still growing.`
    : `Last warning ${ago(now, w.at)}; the heap has recovered since.`;
  return `<p>${esc(when)} Base profile from ${esc(ago(now, w.baseAt))}, current from ${esc(ago(now, w.currentAt))}.</p>
<h3>Top growing functions</h3>
${growersTable(w)}`;
}

/** The rule in words, so a person can tell what "quiet" promises. */
function ruleText(state: WatchState): string {
  const r = state.rule;
  return `It reads the heap after each full GC over the last ${formatSeconds(r.windowSeconds)} and warns when there are at least ${r.minPoints} readings, they grew by ${formatBytes(r.minGrowthBytes)} and ${Math.round(r.minGrowthRatio * 100)}% or more, rose in ${Math.round(r.minRisingSteps * 100)}% of steps, and never came back down to where the window started.`;
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

export function watchPanel(state: WatchState, host: string, now: number): string {
  const status = state.growing ? 'growing' : 'quiet';
  const title = state.growing ? 'The heap after GC keeps growing' : 'Quiet';
  const detail = state.growth ? sentence(state.growth.reason) : 'No sample judged yet.';
  const warning = state.warning ? warningBlock(state.warning, now, state.growing) : '';
  const diffNote = state.warning
    ? ''
    : '<p class="dim">No warning yet: the base profile is the oldest of the window, the current one is taken when you ask.</p>';
  return `<div class="watch ${status}">
<p class="status"><span class="dot" aria-hidden="true"></span><b>${esc(title)}</b></p>
<p>${esc(detail)}</p>
${warning}
<p class="dim">${esc(ruleText(state))}</p>
${diffNote}
${leakButton(LEAK_REPORT_SECONDS)}
${diffHelp(host)}
</div>`;
}

// The leak report as text, read top down: what was taken, then each kind that grew, how much
// it keeps alive, and the paths that hold it.

import { thousands } from '../../log.js';
import { formatBytes } from '../dashboard/dashboard-format.js';
import type { LeakReport } from './leak-report.js';

const arrow = (values: number[], as: (n: number) => string) => values.map(as).join(' → ');

export function leakText(report: LeakReport): string {
  const lines: string[] = [];
  const at = report.taken.map((t) => `${t.atSeconds.toFixed(0)} s`).join(', ');
  lines.push(
    `pugo leak report (pid ${report.pid}): 3 heap snapshots over ${report.seconds} s of traffic, at ${at}`,
  );
  for (const [i, figures] of report.snapshots.entries()) {
    const { blockedMs } = report.taken[i];
    lines.push(
      `  snapshot ${i + 1}: ${thousands(figures.nodes)} objects, ${formatBytes(figures.bytes)}; the process was blocked ${thousands(Math.round(blockedMs))} ms`,
    );
  }
  lines.push(`  analysed in a child process in ${thousands(Math.round(report.analysisMs))} ms`);
  if (report.kept)
    lines.push(`  snapshots kept in ${report.kept} (open them in DevTools or memlab)`);
  lines.push('');
  if (!report.growing.length) {
    lines.push(
      'Nothing grew at every step: no kind of object rose in count from each snapshot to the next.',
    );
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    'Grew at every step (objects; own size; what the objects new since the first keep alive):',
  );
  for (const kind of report.growing) {
    lines.push('');
    lines.push(
      `${kind.kind}: ${arrow(kind.counts, thousands)} objects, ${arrow(kind.selfBytes, formatBytes)} own, ${formatBytes(kind.retainedBytes)} retained by the ${thousands(kind.added)} new`,
    );
    const traced = kind.clusters.reduce((sum, c) => sum + c.count, 0);
    for (const cluster of kind.clusters) {
      lines.push(`  ${thousands(cluster.count)} of ${thousands(traced)} traced held by:`);
      lines.push(`    ${cluster.path.join(' ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

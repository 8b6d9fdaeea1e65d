// The dashboard's one inline script, a real file (dashboard.js) that the linter checks: a hover
// readout on the chart, and the chart kept current.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_DIR } from '../../package-dir.js';

/**
 * Optional: the page reads fully without it. It reads the samples the chart fragment carries,
 * shows the figures under the pointer, and fetches a fresh fragment every sample period (same
 * origin only; with a token the fetch is refused and the chart stays as it was drawn).
 */
export const DASHBOARD_SCRIPT = readFileSync(
  join(PACKAGE_DIR, 'src', 'debug', 'dashboard', 'dashboard.js'),
  'utf8',
);

// The dashboard's stylesheet, a real file (dashboard.css) that the linter checks, inlined in
// the page: light and dark, readable from 390 px up.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_DIR } from '../../package-dir.js';

export const DASHBOARD_CSS = readFileSync(
  join(PACKAGE_DIR, 'src', 'debug', 'dashboard', 'dashboard.css'),
  'utf8',
);

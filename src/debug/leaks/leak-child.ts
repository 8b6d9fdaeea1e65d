// The leak report's analysis, in a process of its own: three snapshot files in, the analysis
// out over IPC. The server's heap never holds a parsed snapshot.

import { analyzeSnapshots } from './leak-analysis.js';

const files = process.argv.slice(2);
if (files.length !== 3 || !process.send) {
  process.stderr.write('usage: leak-child <baseline> <second> <third> (forked, with IPC)\n');
  process.exit(2);
}
process.send(analyzeSnapshots(files as [string, string, string]), () => process.exit(0));

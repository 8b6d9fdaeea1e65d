// Writes src/content/markdown/hljs-languages.ts from the installed highlight.js (after an update
// of highlight.js, when test/content/hljs-table.test.ts says the table no longer matches).
//
//   npm run hljs-table

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hljsTableSource, readHljsLanguages } from './lib/hljs-languages.js';
import { repoRoot } from './lib/repo-paths.js';

const file = join(repoRoot(), 'src', 'content', 'markdown', 'hljs-languages.ts');
writeFileSync(file, hljsTableSource(readHljsLanguages()));
execFileSync('npx', ['biome', 'format', '--write', file], { cwd: repoRoot(), stdio: 'inherit' });
process.stdout.write(`wrote ${file}\n`);

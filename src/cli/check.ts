// pugo check: parse every content file from scratch and list every problem of each; exit 1 if any.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leftOutNote } from '../compose/left-out.js';
import { countProblems, describeProblem, plural, problemOutcome } from '../compose/reports.js';
import type { Logger } from '../log.js';
import type { ContentProblem } from '../types.js';
import { parseFlags, SITE_FLAGS, usage } from './args.js';
import { openFromFlags } from './common.js';

/** Every problem of one file together, files in order, each file's by line. */
function byFile(problems: ContentProblem[]): ContentProblem[] {
  return [...problems].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0),
  );
}

export const CHECK_HELP = usage('check', '[flags]', [
  'content',
  'theme',
  'drafts',
  'future',
  'help',
]);

export async function checkCommand(argv: string[], log: Logger): Promise<number> {
  const { values } = parseFlags('check', argv, SITE_FLAGS);
  if (values.help) {
    process.stdout.write(CHECK_HELP);
    return 0;
  }
  // A fresh store, so every file is parsed again and a running `pugo serve` is not disturbed.
  const storeDir = await mkdtemp(join(tmpdir(), 'pugo-check-'));
  try {
    const opened = await openFromFlags({ ...values, store: storeDir }, log);
    const result = await opened.sync({ shareMainThread: true }).finally(() => opened.close());
    for (const p of byFile(result.problems)) {
      const label = p.severity === 'warning' ? 'warning' : 'error';
      process.stdout.write(
        `${label}: ${describeProblem(p, opened.contentDir)}${problemOutcome(p)}\n`,
      );
    }
    const verdict = result.problems.length ? countProblems(result.problems) : 'no problems';
    process.stdout.write(`checked ${plural(result.scanned, 'file')}: ${verdict}\n`);
    const note = leftOutNote(opened.site.leftOut());
    if (note) process.stdout.write(`${note}\n`);
    return result.problems.length ? 1 : 0;
  } finally {
    await rm(storeDir, { recursive: true, force: true });
  }
}

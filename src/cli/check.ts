// pugo check: parse every content file from scratch and list every problem; exit 1 if any.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import { parseFlags, SITE_FLAGS, usage } from './args.js';
import { describeProblem, openFromFlags, plural } from './common.js';

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
    const result = await opened.sync().finally(() => opened.close());
    for (const p of result.problems) process.stdout.write(`${describeProblem(p)}\n`);
    const verdict = result.problems.length
      ? plural(result.problems.length, 'problem')
      : 'no problems';
    process.stdout.write(`checked ${plural(result.scanned, 'file')}: ${verdict}\n`);
    return result.problems.length ? 1 : 0;
  } finally {
    await rm(storeDir, { recursive: true, force: true });
  }
}

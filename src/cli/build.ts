// pugo build: sync the store, then write the whole site to dest/, only what changed.

import { resolve } from 'node:path';
import { buildSite } from '../build/build.js';
import { DEFAULTS } from '../config/defaults.js';
import type { Logger } from '../log.js';
import { ROUTES } from '../site/routes.js';
import { parseFlags, SITE_FLAGS, usage } from './args.js';
import { openFromFlags, plural, reportProblems } from './common.js';

const FLAGS = { ...SITE_FLAGS, dest: { type: 'string', default: DEFAULTS.destDir } } as const;

export const BUILD_HELP = usage('build', '[flags]', [
  'content',
  'theme',
  'store',
  'dest',
  'drafts',
  'future',
  'help',
]);

export async function buildCommand(argv: string[], log: Logger): Promise<number> {
  const { values } = parseFlags('build', argv, FLAGS);
  if (values.help) {
    process.stdout.write(BUILD_HELP);
    return 0;
  }
  const started = performance.now();
  const opened = await openFromFlags(values, log);
  try {
    const synced = await opened.sync();
    reportProblems(synced.problems, log);
    const { site, staticRoots } = opened;
    const result = await buildSite({
      site,
      routes: ROUTES,
      staticRoots,
      destDir: resolve(values.dest),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const problems = synced.problems.length ? `, ${plural(synced.problems.length, 'problem')}` : '';
    process.stdout.write(
      `built ${plural(result.pages, 'page')} in ${seconds} s, ${result.written.toLocaleString('en-US')} changed, ${result.deleted.toLocaleString('en-US')} removed${problems}\n`,
    );
    return 0;
  } finally {
    await opened.close();
  }
}

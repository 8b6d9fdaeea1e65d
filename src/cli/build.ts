// pugo build: sync the store, then write the whole site to dest/, only what changed.

import { resolve } from 'node:path';
import { buildSite } from '../build/build.js';
import { DEFAULTS } from '../config/defaults.js';
import { type Logger, thousands } from '../log.js';
import { ROUTES } from '../site/routes.js';
import { parseFlags, SITE_FLAGS, usage } from './args.js';
import { countProblems, openFromFlags, plural, reportProblems } from './common.js';
import { leftOutNote } from './left-out.js';

const FLAGS = {
  ...SITE_FLAGS,
  dest: { type: 'string', default: DEFAULTS.destDir },
  strict: { type: 'boolean', default: false },
} as const;

export const BUILD_HELP = usage('build', '[flags]', [
  'content',
  'theme',
  'store',
  'dest',
  'drafts',
  'future',
  'strict',
  'help',
]);

/**
 * A "building 1,200/2,911" line on a terminal only, once the build has run a second (a quick
 * rebuild prints its summary alone), redrawn at most every 100 ms; -1 clears it.
 */
function progressLine(out: NodeJS.WriteStream): (done: number, total: number) => void {
  if (!out.isTTY) return () => {};
  const shownFrom = performance.now() + 1000;
  let last = 0;
  let shown = false;
  return (done, total) => {
    if (done < 0) return void (shown && out.write('\r\x1b[K'));
    const now = performance.now();
    if (now < shownFrom || now - last < 100) return;
    last = now;
    shown = true;
    out.write(`\rbuilding ${thousands(done)}/${thousands(total)}\x1b[K`);
  };
}

export async function buildCommand(argv: string[], log: Logger): Promise<number> {
  const { values } = parseFlags('build', argv, FLAGS);
  if (values.help) {
    process.stdout.write(BUILD_HELP);
    return 0;
  }
  const started = performance.now();
  const onProgress = progressLine(process.stderr);
  const opened = await openFromFlags(values, log);
  try {
    const synced = await opened.sync({ load: false, shareMainThread: true });
    reportProblems(synced.problems, opened.contentDir, log);
    const { site, staticRoots } = opened;
    const destDir = resolve(values.dest);
    const result = await opened.recovering(() =>
      buildSite({ site, routes: ROUTES, staticRoots, destDir, onProgress }),
    );
    onProgress(-1, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const problems = synced.problems.length ? `, ${countProblems(synced.problems)}` : '';
    process.stdout.write(
      `built ${plural(result.pages, 'page')} in ${seconds} s, ${thousands(result.rendered)} rendered, ${thousands(result.written)} changed, ${thousands(result.deleted)} removed${problems}\n`,
    );
    const note = leftOutNote(result.leftOut);
    if (note) process.stdout.write(`${note}\n`);
    // --strict: a site with any problem fails the build (for CI), though every page is written.
    return values.strict && synced.problems.length ? 1 : 0;
  } finally {
    await opened.close();
  }
}

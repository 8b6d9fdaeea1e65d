// pugo build: sync the store, then write the whole site to dest/, only what changed; nothing
// at all when the last build's stamp shows nothing did.

import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { listDest } from '../build/dest.js';
import {
  type BuildInputs,
  type BuildPlace,
  type BuildSaid,
  buildInputs,
  clearStamp,
  listContent,
  stillBuilt,
  writeStamp,
} from '../build/stamp.js';
import { leftOutNote } from '../compose/left-out.js';
import { countProblems, plural, reportProblems } from '../compose/reports.js';
import { DEFAULTS } from '../config/defaults.js';
import { type Logger, thousands } from '../log.js';
import { pugoVersion, resolveTheme } from '../package-dir.js';
import type { StatTree } from '../walk.js';
import { parseFlags, SITE_FLAGS, usage } from './args.js';
import { openFromFlags, type SiteFlags } from './common.js';

export const BUILD_FLAGS = {
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

/**
 * A build's heap is allowed to grow by half its live size between full collections, not by
 * V8's default of up to four times: the live set of a 10,000-post build stays near 90 MB, and
 * with the default the heap held 390 MB of garbage while the pages were written (peak RSS 715
 * MB; 456 MB so, in the same time). A build is one batch of work, not a server's steady state,
 * so the process it runs in takes the setting for the rest of its life.
 */
const BUILD_HEAP_GROWING_PERCENT = 50;

export async function buildCommand(argv: string[], log: Logger): Promise<number> {
  const { values } = parseFlags('build', argv, BUILD_FLAGS);
  if (values.help) {
    process.stdout.write(BUILD_HELP);
    return 0;
  }
  const said = await buildAndReport(values, log);
  // --strict: a site with any problem fails the build (for CI), though every page is written.
  return values.strict && said.problems.length ? 1 : 0;
}

/**
 * Builds as `pugo build` does and prints its summary: what `pugo deploy` runs first, so both
 * build alike.
 */
export async function buildAndReport(
  values: SiteFlags & { dest: string },
  log: Logger,
): Promise<BuildDone> {
  const started = performance.now();
  setFlagsFromString(`--heap-growing-percent=${BUILD_HEAP_GROWING_PERCENT}`);
  const place: BuildPlace = {
    contentDir: resolve(values.content),
    themeDir: resolveTheme(values.theme),
    storeDir: resolve(values.store),
    destDir: resolve(values.dest),
    drafts: values.drafts,
    future: values.future,
    version: await pugoVersion(),
  };
  const content = listContent(place);
  const inputs = buildInputs(place, content);
  // The last build's problems are still the content's: said again, as a sync would find them.
  const listed = listDest(place.destDir);
  const last = stillBuilt(place, inputs, Date.now(), listed);
  if (last) reportProblems(last.problems, place.contentDir, log);
  const said: BuildDone = last ?? (await buildAll(values, place, { inputs, content, listed }, log));
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const problems = said.problems.length ? `, ${countProblems(said.problems)}` : '';
  const { rendered = 0, written = 0, deleted = 0 } = said;
  process.stdout.write(
    `built ${plural(said.pages, 'page')} in ${seconds} s, ${thousands(rendered)} rendered, ${thousands(written)} changed, ${thousands(deleted)} removed${problems}\n`,
  );
  const note = leftOutNote(said.leftOut);
  if (note) process.stdout.write(`${note}\n`);
  return said;
}

/** What a build says: the stamp's, and for one that did the work what it rendered, wrote and removed. */
export interface BuildDone extends BuildSaid {
  rendered?: number;
  written?: number;
  deleted?: number;
}

/**
 * The build proper: sync the store, write what changed, leave a stamp. Its modules (the store,
 * the parser, the theme) are loaded here, so a build the stamp finds current never loads them.
 */
async function buildAll(
  values: SiteFlags & { dest: string },
  place: BuildPlace,
  { inputs, content, listed }: { inputs: BuildInputs; content: StatTree; listed: string[] },
  log: Logger,
): Promise<BuildDone> {
  clearStamp(place.storeDir);
  const onProgress = progressLine(process.stderr);
  const [{ buildSite }, { ROUTES }] = await Promise.all([
    import('../build/build.js'),
    import('../site/routes.js'),
  ]);
  const opened = await openFromFlags(values, log);
  try {
    // The content as walked for the stamp: the stamp and the store then describe the same files.
    const synced = await opened.sync({ load: false, shareMainThread: true, listed: content });
    reportProblems(synced.problems, opened.contentDir, log);
    const { site, staticRoots } = opened;
    // dest/ as listed for the stamp, for the first try only: one after a recovery lists it anew.
    let fresh: string[] | undefined = listed;
    const result = await opened.recovering(() => {
      const given = fresh;
      fresh = undefined;
      const { destDir } = place;
      return buildSite({ site, routes: ROUTES, staticRoots, destDir, onProgress, listed: given });
    });
    onProgress(-1, 0);
    const said = { pages: result.pages, leftOut: result.leftOut, problems: synced.problems };
    writeStamp(place, inputs, said, result);
    return { ...said, ...result };
  } finally {
    await opened.close();
  }
}

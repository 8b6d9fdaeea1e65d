// serve's watch mode: what a set of changed files asks for, and the log line that names them.

import { existsSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import type { OpenSite } from '../compose.js';
import { isPugoError } from '../errors.js';
import type { Logger } from '../log.js';
import type { LiveReload } from '../server/live-reload.js';
import { type Watching, watchFolders } from '../server/watch.js';
import type { ContentProblem } from '../types.js';
import { leftOutNote } from './left-out.js';
import { countProblems, plural, reportProblems, shownPath } from './reports.js';
import { Retry } from './watch-retry.js';

/** What changed files ask for, weakest first: each one also does what the ones before it do. */
const ACTIONS = ['none', 'reload-pages', 'sync', 'reload-settings'] as const;
export type WatchAction = (typeof ACTIONS)[number];

/** `file` as a path under `dir`, or null when it lies outside. */
function under(dir: string, file: string): string | null {
  const rel = relative(dir, file);
  return rel.startsWith('..') || isAbsolute(rel) ? null : rel;
}

/**
 * One file: the theme (but its static files) and the settings files at the content folder's
 * root (meta.toml, meta.ini, config.toml) and lang/ are settings; a .md file is content; other
 * files in sub-folders (media, assets) only reload pages; other files at the root are not the
 * site's (an editor's temp file beside meta.toml).
 */
export function actionOf(file: string, contentDir: string, themeDir: string): WatchAction {
  const inTheme = under(themeDir, file);
  if (inTheme !== null)
    return inTheme.startsWith(`static${sep}`) ? 'reload-pages' : 'reload-settings';
  const inContent = under(contentDir, file);
  if (inContent === null) return 'none';
  if (inContent.startsWith(`lang${sep}`)) return 'reload-settings';
  if (!inContent.includes(sep))
    return /\.(toml|ini)$/i.test(inContent) ? 'reload-settings' : 'none';
  return /\.md$/i.test(inContent) ? 'sync' : 'reload-pages';
}

/** The strongest action any of `files` asks for. */
export function actionFor(files: Set<string>, contentDir: string, themeDir: string): WatchAction {
  // A platform that does not name the file: read everything again.
  if (files.size === 0) return 'reload-settings';
  let rank = 0;
  for (const file of files) {
    rank = Math.max(rank, ACTIONS.indexOf(actionOf(file, contentDir, themeDir)));
  }
  return ACTIONS[rank];
}

/**
 * The files a writer saved, out of what the watcher saw: those that are there now, and removed
 * ones that were posts, pages or settings. An editor's temp file, written and renamed away within
 * the burst, is neither, so it neither shows in the log nor asks for a sync.
 */
export function savedFiles(files: Set<string>): Set<string> {
  return new Set([...files].filter((f) => existsSync(f) || /\.(md|toml|ini)$/i.test(f)));
}

/**
 * 'content/post/a.md, content/meta.toml' (at most five, then how many more): relative to the
 * current folder, as problems are, so a terminal can open them.
 */
export function namesOf(files: Set<string>): string {
  const names = [...files].map(shownPath).sort();
  const more = names.length > 5 ? ` and ${names.length - 5} more` : '';
  return names.slice(0, 5).join(', ') + more;
}

/** ', 1 error, 2 warnings (above)', counted as check counts them. */
function problemsNote(problems: ContentProblem[]): string {
  return problems.length ? `, ${countProblems(problems)} (above)` : '';
}

/**
 * Watch mode: a saved post is synced (only what changed is parsed), an edited meta.toml, lang
 * file or template is read again, and open pages reload. Each run logs one line naming the
 * files and what was done; a broken file's problem is logged above it with its file and line.
 */
export function watchSite(
  opened: OpenSite,
  liveReload: LiveReload,
  log: Logger,
  /** serve's first sync: watching starts beside it, and no run starts before it is done. */
  firstSync: Promise<unknown>,
): Watching {
  const serverBefore = JSON.stringify([opened.config.server, opened.config.debug]);
  // serve said what it left out when it started: say it again when a save changes it (a draft
  // published, a date moved), so the writer knows why a post did or did not appear.
  let leftOutBefore: string | null = null;
  const started = firstSync.then(() => {
    leftOutBefore = leftOutNote(opened.site.leftOut());
  });
  const noteLeftOut = () => {
    const note = leftOutNote(opened.site.leftOut());
    if (note !== leftOutBefore) log.info(`pugo: ${note ?? 'nothing left out now'}`);
    leftOutBefore = note;
  };
  const settingsChanged = async (names: string) => {
    const started = performance.now();
    const result = await opened.reload();
    reportProblems(result.problems, opened.contentDir, log);
    const ms = Math.round(performance.now() - started);
    log.info(
      `pugo: changed ${names}: settings and theme read again in ${ms} ms${problemsNote(result.problems)}; reloading open pages`,
    );
    noteLeftOut();
    if (JSON.stringify([opened.config.server, opened.config.debug]) !== serverBefore)
      log.warn('pugo: [server] and [debug] settings take effect when pugo serve starts again');
    liveReload.reload();
  };
  const contentChanged = async (names: string) => {
    const started = performance.now();
    const result = await opened.sync();
    opened.measureImagesLater();
    reportProblems(result.problems, opened.contentDir, log);
    const ms = Math.round(performance.now() - started);
    const what = result.changed.length ? plural(result.changed.length, 'file') : 'nothing';
    const note = problemsNote(result.problems);
    if (result.changed.length === 0) {
      log.info(`pugo: changed ${names}: synced in ${ms} ms, ${what} changed${note}`);
      return;
    }
    log.info(`pugo: changed ${names}: synced in ${ms} ms${note}; reloading open pages`);
    noteLeftOut();
    liveReload.reload();
  };
  const retry = new Retry(async () => {
    // The folder was gone: the watch on it saw its last event then. Watch it afresh, before the
    // site says it is up to date, so a save right after that is seen.
    if (retry.folderWasGone) {
      restart();
      await current.ready;
    }
    await settingsChanged('(a retry of the change that failed)');
  }, log);
  const start = (): Watching =>
    watchFolders({
      dirs: [opened.contentDir, opened.themeDir],
      ignore: [opened.store.location],
      onChange: async (seen) => {
        // A save during the first sync waits for it (which may well have read that save already).
        await started;
        const files = seen.size ? savedFiles(seen) : seen;
        const action = actionFor(files, opened.contentDir, opened.themeDir);
        const names = files.size ? namesOf(files) : 'a file';
        if (action === 'reload-settings') await settingsChanged(names);
        else if (action === 'sync') await contentChanged(names);
        else if (action === 'reload-pages') {
          // An image of media/ may have changed: its size and variants are read again.
          reportProblems(await opened.refreshImages(), opened.contentDir, log);
          opened.measureImagesLater();
          log.info(`pugo: changed ${names}: reloading open pages`);
          liveReload.reload();
        }
        retry.done();
      },
      // A bad meta.toml or template: the message names it, and the site goes on as it was.
      onError: (err) => {
        // Linux gives each user a number of inotify watches, and chokidar takes one a file.
        if ((err as NodeJS.ErrnoException).code === 'ENOSPC') {
          return log.warn(
            'pugo: the system limit of watched files is reached (sysctl fs.inotify.max_user_watches); some saves may go unseen',
          );
        }
        if (!isPugoError(err)) return log.error('pugo: the change was not applied', err);
        log.error(`${err.describe(shownPath)}; the site is served as it was`);
        retry.after(err);
      },
    });
  let current = start();
  const restart = () => {
    void current.close();
    current = start();
  };
  return {
    get ready() {
      return current.ready;
    },
    close: () => {
      retry.stop();
      return current.close();
    },
  };
}

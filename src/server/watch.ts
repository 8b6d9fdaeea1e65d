// Watching the site's folders: a burst of saves becomes one run, then open pages reload.

import { sep } from 'node:path';
import { watch } from 'chokidar';

export interface WatchOptions {
  dirs: string[];
  /** Folders inside `dirs` whose changes are not the writer's (the store, when kept there). */
  ignore?: string[];
  /**
   * Runs after the folders have been quiet for `quietMs`, with the absolute paths changed
   * (added, changed or removed); never two at once.
   */
  onChange: (files: Set<string>) => Promise<void>;
  quietMs?: number;
  onError: (err: unknown) => void;
}

export interface Watching {
  /** Resolves once every folder is watched: a save from then on is seen. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** A dotfile or dot-folder on the way (.git, an editor's swap file): the scan skips them too. */
const DOT_SEGMENT = /(^|[\\/])\.[^\\/]/;

/**
 * Editors save in bursts (a temp file, a rename, a chmod): wait until the folders are quiet,
 * then run once. A change during a run queues one more run, never a pile of them, and runs never
 * overlap, so a template edit and a post edit are not synced at the same time.
 *
 * chokidar, not `fs.watch`: an editor that saves by writing a temp file and renaming it over the
 * original gives the file a new inode, and a watch on the old one goes quiet after the first
 * save. chokidar watches the folders and follows the new inode, so every later save is seen.
 */
export function watchFolders({
  dirs,
  ignore = [],
  onChange,
  quietMs = 100,
  onError,
}: WatchOptions): Watching {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let files = new Set<string>();
  const ignored = ignore.map((dir) => dir + sep);
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const changed = files;
    files = new Set();
    try {
      await onChange(changed);
    } catch (err) {
      onError(err);
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      }
    }
  };
  const watcher = watch(dirs, {
    ignoreInitial: true,
    // Only what lies inside the watched folders is tested: a dot in a parent folder's name
    // (a site kept under ~/.sites) must not hide the whole site.
    ignored: (path) =>
      ignored.some((prefix) => path.startsWith(prefix) || `${path}${sep}` === prefix) ||
      dirs.some((dir) => path.startsWith(dir + sep) && DOT_SEGMENT.test(path.slice(dir.length))),
  });
  watcher.on('all', (event, path) => {
    // A folder added or removed is not a save: its files have events of their own.
    if (event === 'addDir' || event === 'unlinkDir') return;
    files.add(path);
    clearTimeout(timer);
    timer = setTimeout(run, quietMs);
  });
  watcher.on('error', onError);
  const ready = new Promise<void>((ok) => watcher.once('ready', ok));
  return {
    ready,
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}

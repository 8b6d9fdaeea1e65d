// Watching the site's folders: a burst of saves becomes one run, then open pages reload.

import { type FSWatcher, watch } from 'node:fs';
import { join, sep } from 'node:path';

export interface WatchOptions {
  dirs: string[];
  /** Folders inside `dirs` whose changes are not the writer's (the store, when kept there). */
  ignore?: string[];
  /**
   * Runs after the folders have been quiet for `quietMs`, with the absolute paths changed
   * (empty when the platform does not say which); never two at once.
   */
  onChange: (files: Set<string>) => Promise<void>;
  quietMs?: number;
  onError: (err: unknown) => void;
}

/**
 * Editors save in bursts (a temp file, a rename, a chmod): wait until the folders are quiet,
 * then run once. A change during a run queues one more run, never a pile of them, and runs never
 * overlap, so a template edit and a post edit are not synced at the same time.
 */
export function watchFolders({
  dirs,
  ignore = [],
  onChange,
  quietMs = 100,
  onError,
}: WatchOptions): () => void {
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
  const watchers: FSWatcher[] = dirs.map((dir) => {
    const watcher = watch(dir, { recursive: true }, (_event, name) => {
      const file = name ? join(dir, String(name)) : null;
      if (file && ignored.some((prefix) => file.startsWith(prefix))) return;
      if (file) files.add(file);
      clearTimeout(timer);
      timer = setTimeout(run, quietMs);
    });
    watcher.on('error', onError);
    return watcher;
  });
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}

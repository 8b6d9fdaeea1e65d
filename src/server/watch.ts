// Watching the content folder: a burst of saves becomes one sync, then open pages reload.

import { type FSWatcher, watch } from 'node:fs';

export interface WatchOptions {
  dir: string;
  /** Runs after the folder has been quiet for `quietMs`; never two at once. */
  onChange: () => Promise<void>;
  quietMs?: number;
  onError: (err: unknown) => void;
}

/**
 * Editors save in bursts (a temp file, a rename, a chmod): wait until the folder is quiet, then
 * run once. A change during a run queues one more run, never a pile of them.
 */
export function watchFolder({ dir, onChange, quietMs = 100, onError }: WatchOptions): () => void {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await onChange();
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
  const watcher: FSWatcher = watch(dir, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(run, quietMs);
  });
  watcher.on('error', onError);
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}

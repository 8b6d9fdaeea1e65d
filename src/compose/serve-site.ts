// A site served: the first sync, the watcher beside it, the app, its listeners and the debug
// listener, wired once from one options object; stop() takes it all down again.

import type { OpenSite } from '../compose.js';
import type { SiteConfig } from '../config/site-config.js';
import type { Logger } from '../log.js';
import { createApp } from '../server/app.js';
import { type Listening, listen } from '../server/listen.js';
import { LiveReload } from '../server/live-reload.js';
import { ROUTES } from '../site/routes.js';
import { drillFor, startDebug } from './debug-wiring.js';
import { leftOutNote } from './left-out.js';
import { plural, reportProblems } from './reports.js';
import { watchSite } from './watch-site.js';

export interface ServeOptions {
  opened: OpenSite;
  host: string;
  port: number;
  /** [debug] with the command line's flags over it. */
  debug: SiteConfig['debug'];
  /** Watch the content and theme, and reload open pages on a save. */
  watch: boolean;
  /** A leak drill to serve (--drill): refused unless debug is on and the host is loopback. */
  drill?: string;
  /** An access-log line a request, on stderr. */
  accessLog: boolean;
  log: Logger;
}

export interface Serving {
  /** Stops serving and watching, and closes the store. */
  stop(): Promise<void>;
}

export async function serveSite({
  opened,
  host,
  port,
  debug,
  watch,
  drill: drillName,
  accessLog,
  log,
}: ServeOptions): Promise<Serving> {
  const syncing = opened.sync();
  const liveReload = watch ? new LiveReload() : undefined;
  // Watching starts beside the first sync, not after it: chokidar's first walk of the folders
  // took 3 s here for 10,000 files, time a restart need not add to the sync's.
  const watching = liveReload ? watchSite(opened, liveReload, log, syncing) : undefined;
  const result = await syncing.catch(async (err) => {
    await watching?.close();
    throw err;
  });
  reportProblems(result.problems, opened.contentDir, log);
  opened.measureImagesLater();
  const { config, site } = opened;
  const drill =
    drillName === undefined ? undefined : await drillFor(drillName, debug, host, site, log);
  const served = createApp({
    site,
    routes: ROUTES,
    staticRoots: opened.staticRoots,
    poolSize: config.server.poolSize,
    cacheBytes: config.server.cacheBytes,
    accessLog: accessLog ? (line) => process.stderr.write(`${line}\n`) : undefined,
    liveReload,
    warm: true,
    health: opened.health,
    drill,
    log,
  });
  const listeners: Listening[] = [];
  try {
    listeners.push(await listen(served.app, host, port));
    if (debug.enabled) listeners.push(await startDebug(opened, served, debug, log));
  } catch (err) {
    // Whatever did open is closed again, so the process can exit with the message.
    await Promise.all([watching?.close(), ...listeners.map((l) => l.stop())]);
    await opened.close();
    throw err;
  }
  // Watching before the banner: whoever waits for it may save a file at once.
  await watching?.ready;
  const snap = site.snapshot();
  // After the banner: pages are rendered into the cache in idle time, requests first.
  served.warmer?.schedule();
  log.info(
    `pugo serving ${listeners[0].url}/ (${plural(snap.posts.length, 'post')}, ${plural(snap.pages.length, 'page')}); Ctrl-C stops`,
  );
  const note = leftOutNote(site.leftOut());
  if (note) log.info(`pugo: ${note}`);
  return {
    async stop() {
      served.warmer?.stop();
      liveReload?.close();
      await Promise.all([watching?.close(), ...listeners.map((l) => l.stop())]);
      await opened.close();
    },
  };
}

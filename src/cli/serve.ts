// pugo serve: sync the store, then serve the site live until SIGINT or SIGTERM.

import type { Logger } from '../log.js';
import { createApp } from '../server/app.js';
import { listen } from '../server/listen.js';
import { ROUTES } from '../site/routes.js';
import { parseFlags, portOf, SITE_FLAGS, usage } from './args.js';
import { openFromFlags, plural, reportProblems } from './common.js';

const FLAGS = {
  ...SITE_FLAGS,
  host: { type: 'string' },
  port: { type: 'string' },
  debug: { type: 'boolean', default: false },
} as const;

export const SERVE_HELP = usage('serve', '[flags]', [
  'content',
  'theme',
  'store',
  'host',
  'port',
  'drafts',
  'future',
  'help',
]);

export async function serveCommand(argv: string[], log: Logger): Promise<number> {
  const { values } = parseFlags('serve', argv, FLAGS);
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  const opened = await openFromFlags(values, log);
  const result = await opened.sync();
  reportProblems(result.problems, log);
  const { config, site } = opened;
  const { app } = createApp({
    site,
    routes: ROUTES,
    staticRoots: opened.staticRoots,
    poolSize: config.server.poolSize,
    log,
  });
  const host = values.host ?? config.server.host;
  const running = await listen(app, host, portOf(values.port, config.server.port));
  const snap = site.snapshot();
  log.info(
    `pugo serving ${running.url}/ (${plural(snap.posts.length, 'post')}, ${plural(snap.pages.length, 'page')}); Ctrl-C stops`,
  );
  await new Promise<void>((done) => {
    const stop = () => {
      log.info('pugo: stopping');
      running
        .stop()
        .then(() => opened.close())
        .then(done, done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

// pugo serve: its flags, then the site served (compose/serve-site.ts) until SIGINT or SIGTERM.

import { serveSite } from '../compose/serve-site.js';
import type { SiteConfig } from '../config/site-config.js';
import type { Logger } from '../log.js';
import { parseFlags, portOf, SERVE_STORE_DIR, SITE_FLAGS, usage } from './args.js';
import { openFromFlags } from './common.js';

const FLAGS = {
  ...SITE_FLAGS,
  store: { type: 'string', default: SERVE_STORE_DIR },
  host: { type: 'string' },
  port: { type: 'string' },
  debug: { type: 'boolean', default: false },
  log: { type: 'boolean', default: false },
  'no-watch': { type: 'boolean', default: false },
  'debug-host': { type: 'string' },
  'debug-port': { type: 'string' },
  drill: { type: 'string' },
} as const;

export const SERVE_HELP = usage(
  'serve',
  '[flags]',
  [
    'content',
    'theme',
    'store',
    'host',
    'port',
    'drafts',
    'future',
    'log',
    'no-watch',
    'debug',
    'debug-host',
    'debug-port',
    'drill',
    'help',
  ],
  {
    store: `LevelDB store folder (default ${SERVE_STORE_DIR}: not build's, so a build runs beside a serve)`,
  },
);

type Values = ReturnType<typeof parseFlags<typeof FLAGS>>['values'];

/** [debug] from meta.toml, with the command line's flags over it. */
function debugConfig(config: SiteConfig, values: Values): SiteConfig['debug'] {
  return {
    ...config.debug,
    enabled: values.debug || config.debug.enabled,
    host: values['debug-host'] ?? config.debug.host,
    port: portOf('debug-port', values['debug-port'], config.debug.port),
  };
}

export async function serveCommand(argv: string[], log: Logger): Promise<number> {
  const { values } = parseFlags('serve', argv, FLAGS);
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  const opened = await openFromFlags(values, log);
  const { config } = opened;
  const serving = await serveSite({
    opened,
    host: values.host ?? config.server.host,
    port: portOf('port', values.port, config.server.port),
    debug: debugConfig(config, values),
    watch: !values['no-watch'],
    drill: values.drill,
    accessLog: values.log,
    log,
  });
  await new Promise<void>((done) => {
    const stop = () => {
      log.info('pugo: stopping');
      serving.stop().then(done, done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

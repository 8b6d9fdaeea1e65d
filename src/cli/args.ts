// Command-line flags, parsed with node:util parseArgs; each command takes the ones it lists.

import { parseArgs } from 'node:util';
import { DEFAULTS } from '../config/defaults.js';
import { PugoError } from '../errors.js';

export const SITE_FLAGS = {
  content: { type: 'string', default: DEFAULTS.contentDir },
  theme: { type: 'string', default: DEFAULTS.themeDir },
  store: { type: 'string', default: DEFAULTS.storeDir },
  drafts: { type: 'boolean', default: false },
  future: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/**
 * serve's own default store. A running serve holds its store's lock for as long as it runs, and
 * a `pugo build` beside it, which Hugo and Hexo users run every day, needs a store too: each
 * command has its own, so neither waits for nor disturbs the other. build keeps `.pugo/store`,
 * where it also records what it wrote to dest/ (an upgrade keeps that record); serve's store is
 * only a cache of the content, so it is the one that moved. Two commands given the same
 * `--store` still meet PUGO_STORE_LOCKED: sharing was asked for, so it is not done behind the
 * user's back with another folder.
 */
export const SERVE_STORE_DIR = '.pugo/serve-store';

export const FLAG_HELP: Record<string, string> = {
  content: `content folder with meta.toml, post/, page/, media/, lang/ (default ${DEFAULTS.contentDir})`,
  theme: `theme folder or name (default ${DEFAULTS.themeDir}; a name not found here is taken from pugo's own themes/)`,
  store: `LevelDB store folder (default ${DEFAULTS.storeDir})`,
  dest: `output folder (default ${DEFAULTS.destDir})`,
  host: `address to listen on (default [server] host, else ${DEFAULTS.host})`,
  port: `port to listen on (default [server] port, else ${DEFAULTS.port}; 0 = any free port)`,
  drafts: 'include posts and pages with draft = true',
  future: 'include posts dated in the future',
  'no-watch':
    'do not watch the content folder (by default a saved post is synced and open pages reload)',
  log: 'write an access log line per request to stderr (method, path, status, bytes, ms)',
  debug: 'open the debug listener (profiles, /debug/vars, the memory dashboard)',
  'debug-host': 'address of the debug listener (default [debug] host, else 127.0.0.1)',
  'debug-port': 'port of the debug listener (default [debug] port, else 6060)',
  drill:
    'tango-pool: serve /drill/tango, which leaks memory on purpose as Pugo did in 2015, to practise finding it (needs --debug, loopback only)',
  strict:
    'exit 1 when any content problem, even a warning, is found (for CI); the site is still written',
  help: 'show this help',
};

type Spec = Parameters<typeof parseArgs>[0] extends infer C
  ? C extends { options?: infer O }
    ? NonNullable<O>
    : never
  : never;

/**
 * The flags of `pugo <command>`, with every mistake said in pugo's words: the flag or argument
 * by name and where to look, not node's parser's advice about `--` and option arguments. The
 * tokens are checked first (a loose parse names every flag as written), so the strict parse
 * that gives the typed values meets nothing it would complain of.
 */
export function parseFlags<O extends Spec>(
  command: string,
  argv: string[],
  options: O,
  { positionals = 0 }: { positionals?: number } = {},
) {
  const see = `see pugo ${command} --help`;
  const fail = (message: string): never => {
    throw new PugoError('PUGO_USAGE', `${message}; ${see}`);
  };
  const { tokens } = parseArgs({
    args: argv,
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  let count = 0;
  for (const token of tokens) {
    if (token.kind === 'positional' && ++count > positionals) {
      fail(`unexpected argument "${token.value}" for pugo ${command}`);
    }
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (!spec) fail(`unknown flag ${token.rawName} for pugo ${command}`);
    else if (spec.type === 'boolean' && token.value !== undefined) {
      fail(`flag ${token.rawName} of pugo ${command} takes no value, got "${token.value}"`);
    } else if (
      spec.type === 'string' &&
      (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))
    ) {
      fail(`flag ${token.rawName} of pugo ${command} needs a value`);
    }
  }
  return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
}

/** A port flag's value (`flag` names it in the message), or `fallback` when it is not given. */
export function portOf(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new PugoError(
      'PUGO_USAGE',
      `--${flag} must be a whole number from 0 to 65535, got "${raw}"`,
    );
  }
  return port;
}

export function usage(
  command: string,
  synopsis: string,
  flags: string[],
  help: Record<string, string> = {},
): string {
  const lines = flags.map((f) => `  --${f.padEnd(12)} ${help[f] ?? FLAG_HELP[f] ?? ''}`);
  return `usage: pugo ${command} ${synopsis}\n\n${lines.join('\n')}\n`;
}

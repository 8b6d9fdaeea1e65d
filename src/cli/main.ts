#!/usr/bin/env node

// pugo's command line: pick the command, run it, turn failures into messages and exit codes.

import { shownPath } from '../compose/reports.js';
import { isPugoError } from '../errors.js';
import { asFault, FAULT_CODES, FAULT_EXIT } from '../faults.js';
import { createLogger } from '../log.js';
import { pugoVersion } from '../package-dir.js';

const HELP = `pugo: a blog engine for markdown posts with TOML front matter

usage: pugo <command> [flags]

commands:
  serve             serve the site live from the store (default: content/ on http://127.0.0.1:8080)
  build             write the whole site to dest/
  check             list every problem in the content; exit 1 if there is any
  deploy git <remote>  build, then publish dest/ as a commit on a branch (gh-pages) and push
  list              list posts and pages with their dates and state (published, draft, scheduled)
  new site [dir]    start a site from the sample
  new post <title>  write a new post
  new page <title>  write a new page
  version           print pugo's version

pugo <command> --help shows the flags of each.
`;

type Command = (argv: string[], log: ReturnType<typeof createLogger>) => Promise<number>;

/** Each command loads its own modules: `build` never pays for Koa, `version` for markdown-it. */
const COMMANDS: Record<string, Command> = {
  // A stopped server has nothing left to do, so it ends the process. chokidar, when a watched
  // folder is removed, watches its parent to see it come back, and closed at that moment it can
  // leave that watch open (seen here on /tmp when a test's site was deleted before its serve
  // stopped), which would keep a stopped serve alive.
  serve: async (argv, log) => {
    const code = await (await import('./serve.js')).serveCommand(argv, log);
    // What was written goes out first: stderr to a pipe is written later on some platforms.
    await new Promise((done) => process.stderr.write('', done));
    process.exit(code);
  },
  build: async (argv, log) => (await import('./build.js')).buildCommand(argv, log),
  check: async (argv, log) => (await import('./check.js')).checkCommand(argv, log),
  deploy: async (argv, log) => (await import('./deploy.js')).deployCommand(argv, log),
  list: async (argv, log) => (await import('./list.js')).listCommand(argv, log),
  new: async (argv, log) => (await import('./new.js')).newCommand(argv, log),
  version: async () => {
    process.stdout.write(`pugo ${await pugoVersion()} (node ${process.version})\n`);
    return 0;
  },
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`pugo: unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  const log = createLogger();
  try {
    return await run(rest, log);
  } catch (thrown) {
    // A fault of the machine that no stage named (a path Node gave, say) is still no bug of pugo's.
    const path = (thrown as NodeJS.ErrnoException).path ?? '';
    const err = asFault(thrown, 'working on', path) ?? thrown;
    if (!isPugoError(err)) throw err;
    process.stderr.write(`pugo: ${err.describe(shownPath)}\n`);
    if (FAULT_CODES.has(err.code)) return FAULT_EXIT;
    return err.code === 'PUGO_USAGE' ? 2 : 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(
      `pugo: internal error: ${err instanceof Error ? err.stack : String(err)}\n`,
    );
    process.exitCode = 1;
  },
);

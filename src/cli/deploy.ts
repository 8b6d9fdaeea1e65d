// pugo deploy git <remote>: build as pugo build does, then publish dest/ as one commit on a
// branch of that remote (gh-pages by default).

import { resolve } from 'node:path';
import { PugoError } from '../errors.js';
import type { Logger } from '../log.js';
import { parseFlags, usage } from './args.js';
import { BUILD_FLAGS, buildAndReport } from './build.js';

const FLAGS = {
  ...BUILD_FLAGS,
  branch: { type: 'string', default: 'gh-pages' },
  message: { type: 'string' },
} as const;

export const DEPLOY_HELP = usage(
  'deploy git',
  '<remote> [flags]',
  ['branch', 'message', 'content', 'theme', 'store', 'dest', 'drafts', 'future', 'strict', 'help'],
  {
    branch: 'the branch of the remote to publish to (default gh-pages)',
    message: 'the commit message (default "Site updated: <date and time, UTC>")',
    strict: 'push nothing, and exit 1, when the build finds any content problem',
  },
);

export async function deployCommand(argv: string[], log: Logger): Promise<number> {
  const [how, ...rest] = argv;
  if (how === '--help' || how === '-h') {
    process.stdout.write(DEPLOY_HELP);
    return 0;
  }
  if (how !== 'git') {
    const got = how === undefined ? 'nothing' : `"${how}"`;
    throw new PugoError('PUGO_USAGE', `deploy: expected git, got ${got}; see pugo deploy --help`);
  }
  const { values, positionals } = parseFlags('deploy git', rest, FLAGS, { positionals: 1 });
  if (values.help) {
    process.stdout.write(DEPLOY_HELP);
    return 0;
  }
  const [remote] = positionals;
  if (!remote) {
    throw new PugoError('PUGO_USAGE', 'deploy git: a remote (URL, path or name) is required');
  }
  const said = await buildAndReport(values, log);
  if (values.strict && said.problems.length) {
    process.stderr.write('pugo: nothing deployed: the build found problems and --strict is set\n');
    return 1;
  }
  const { deployGit } = await import('../deploy/git.js');
  const stamp = new Date().toISOString().replace('T', ' ').slice(0, 19);
  const done = await deployGit({
    destDir: resolve(values.dest),
    remote,
    branch: values.branch,
    message: values.message ?? `Site updated: ${stamp} UTC`,
  });
  const where = `${done.remote} ${values.branch}`;
  process.stdout.write(
    done.commit
      ? `deployed ${where}: ${done.commit.slice(0, 12)}${done.parent ? ` on ${done.parent.slice(0, 12)}` : ' (first commit)'}\n`
      : `deployed ${where}: nothing changed, ${done.parent?.slice(0, 12)} is current\n`,
  );
  return 0;
}

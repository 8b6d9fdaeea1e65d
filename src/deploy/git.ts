// pugo deploy git: dest/ as one commit on top of a remote branch, pushed with the `git` command
// (so with the user's own credentials: ssh keys, credential helpers), as Hexo's git deployer and
// Pugo 0.10's deploy did.

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PugoError } from '../errors.js';

export interface GitDeployOptions {
  destDir: string;
  /** A URL or path, or the name of a remote of the repository in the current folder. */
  remote: string;
  branch: string;
  message: string;
}

export interface Deployed {
  /** The URL or path pushed to (a remote's name resolved). */
  remote: string;
  /** The commit pushed, or null when dest/ is what the branch holds already. */
  commit: string | null;
  /** The branch's commit before, or null on a first deploy. */
  parent: string | null;
}

interface Run {
  stdout: string;
  stderr: string;
}

/** Runs git; a failure carries git's own words (its stderr), which say what the remote said. */
function git(args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<Run> {
  return new Promise((ok, fail) => {
    execFile('git', args, { env, cwd, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (!err) return ok({ stdout, stderr });
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return fail(
          new PugoError('PUGO_DEPLOY_GIT', 'git is not installed here (pugo deploy git runs it)'),
        );
      }
      fail(Object.assign(err, { stderr: String(stderr).trim() }));
    });
  });
}

const gitSaid = (err: unknown): string =>
  (err as { stderr?: string }).stderr || (err instanceof Error ? err.message : String(err));

/** A git step on pugo's scratch repository that failed: git's words, under pugo's code. */
const failed =
  (step: string) =>
  (err: unknown): never => {
    if (err instanceof PugoError) throw err;
    throw new PugoError('PUGO_DEPLOY_GIT', `git ${step} failed: ${gitSaid(err)}`, { cause: err });
  };

/**
 * The environment for git in pugo's own scratch repository: none of the user's GIT_DIR and the
 * like, no password prompt when nobody can answer it (a CI job would hang on one), and pugo as
 * the committer only where the user set no name of their own.
 */
async function scratchEnv(scratch: string, destDir: string): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      !key.startsWith('GIT_') ||
      /^GIT_(SSH|SSH_COMMAND|ASKPASS|CONFIG_\w+|TRACE\w*)$/.test(key)
    ) {
      env[key] = value;
    }
  }
  Object.assign(env, {
    GIT_DIR: scratch,
    GIT_WORK_TREE: destDir,
    GIT_INDEX_FILE: join(scratch, 'pugo-index'),
  });
  if (!process.stdin.isTTY) env.GIT_TERMINAL_PROMPT = '0';
  const named = await git(['config', 'user.email'], env).then(
    () => true,
    () => false,
  );
  if (!named) {
    Object.assign(env, {
      GIT_AUTHOR_NAME: 'pugo',
      GIT_AUTHOR_EMAIL: 'pugo@localhost',
      GIT_COMMITTER_NAME: 'pugo',
      GIT_COMMITTER_EMAIL: 'pugo@localhost',
    });
  }
  return env;
}

/** A remote named in the current folder's repository ('origin') as its URL; anything else as given. */
async function remoteUrl(remote: string): Promise<string> {
  if (/[:/\\]/.test(remote)) return remote;
  return git(['remote', 'get-url', remote], process.env).then(
    ({ stdout }) => stdout.trim() || remote,
    () => remote,
  );
}

/**
 * Fetches the branch's last commit (that one only) and returns it, or null when the remote has
 * no such branch yet (a first deploy).
 */
async function fetchHead(url: string, branch: string, env: NodeJS.ProcessEnv) {
  const unreadable = (err: unknown): never => {
    const message = `cannot read the remote ${url}: ${gitSaid(err)}`;
    throw new PugoError('PUGO_DEPLOY_REMOTE', message, { cause: err });
  };
  const ref = `refs/heads/${branch}`;
  const listed = await git(['ls-remote', '--heads', url, ref], env).catch(unreadable);
  if (!listed.stdout.trim()) return null;
  await git(['fetch', '--quiet', '--depth=1', url, ref], env).catch(unreadable);
  return (await git(['rev-parse', 'FETCH_HEAD'], env).catch(failed('rev-parse'))).stdout.trim();
}

/**
 * Commits dest/ (every file, dotfiles too, as the build left it) as one commit whose parent is
 * the remote branch's last, and pushes it there: a fast-forward, so a branch someone else moved
 * meanwhile refuses it rather than losing their commit. Only the branch's last commit is
 * fetched. Nothing is pushed when dest/ is what the branch holds already.
 */
export async function deployGit({
  destDir,
  remote,
  branch,
  message,
}: GitDeployOptions): Promise<Deployed> {
  const url = await remoteUrl(remote);
  const scratch = await mkdtemp(join(tmpdir(), 'pugo-deploy-'));
  try {
    const env = await scratchEnv(scratch, destDir);
    const { GIT_WORK_TREE: _tree, ...bare } = env;
    await git(['init', '--bare', '--quiet', scratch], bare).catch(failed('init'));
    const parent = await fetchHead(url, branch, env);
    // --force: a user's global ignore rules (*.log, .DS_Store) do not decide what is published.
    await git(['add', '--all', '--force', '.'], env, destDir).catch(failed('add'));
    const tree = (await git(['write-tree'], env).catch(failed('write-tree'))).stdout.trim();
    const before = parent && (await git(['rev-parse', `${parent}^{tree}`], env)).stdout.trim();
    if (before === tree) return { remote: url, commit: null, parent };
    const args = ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message];
    const commit = (await git(args, env).catch(failed('commit-tree'))).stdout.trim();
    await git(['push', '--quiet', url, `${commit}:refs/heads/${branch}`], env).catch(
      (err: unknown) => {
        const said = `the remote ${url} refused the push to ${branch}: ${gitSaid(err)}`;
        throw new PugoError('PUGO_DEPLOY_REFUSED', said, { cause: err });
      },
    );
    return { remote: url, commit, parent };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

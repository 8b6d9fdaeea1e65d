// The pugo command line as a child process, for tests: exit code, stdout and stderr.

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO } from '../helpers.js';

export const MAIN = join(REPO, 'dist', 'src', 'cli', 'main.js');

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `pugo ...args` in `cwd` and waits for it to exit. */
export async function pugo(args: string[], cwd = REPO): Promise<Ran> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [MAIN, ...args], {
      cwd,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as Ran;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

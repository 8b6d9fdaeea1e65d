// Runs an external tool with an argument array and says which package provides it when missing.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface ToolOutput {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ToolOptions {
  /** What to do when the tool is missing: "install the Debian package jing". */
  advice: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** A tool (or a file a tool needs) is not there: the message says which package provides it. */
export class ToolMissingError extends Error {
  constructor(what: string, advice: string) {
    super(`${what} not found: ${advice}`);
    this.name = 'ToolMissingError';
  }
}

/** Runs `command args…` to completion; never throws for a non-zero exit, only when it is missing. */
export function runTool(
  command: string,
  args: string[],
  options: ToolOptions,
): Promise<ToolOutput> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: 'pipe' });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.end();
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'ENOENT' ? new ToolMissingError(command, options.advice) : err);
    });
    child.on('close', (code, signal) => {
      resolvePromise({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/** Throws ToolMissingError unless `path` exists (a jar, a schema, a browser binary). */
export function requireFile(path: string, advice: string): string {
  if (!existsSync(path)) throw new ToolMissingError(path, advice);
  return path;
}

// Starting and stopping a server process that prints "http://127.0.0.1:PORT/" on stderr.

import { type ChildProcess, spawn } from 'node:child_process';

export interface ChildServer {
  url: string;
  /** The debug listener's URL, when the server printed one. */
  debugUrl: string | null;
  /** The process, for reading its memory. */
  pid: number;
  stop(): Promise<void>;
}

export function startChild(
  command: string,
  args: string[],
  wantDebug = false,
): Promise<ChildServer> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let seen = '';
  return new Promise((ok, fail) => {
    // A server that never says where it listens is killed, not left running behind the caller.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`server did not start:\n${seen}`));
    }, 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk;
      const site = /(?:serving|listening) (http:\/\/127\.0\.0\.1:\d+)\//.exec(seen);
      const debug = /debug listener on (http:\/\/127\.0\.0\.1:\d+)\//.exec(seen);
      if (site && (!wantDebug || debug)) {
        clearTimeout(timer);
        ok({
          url: site[1],
          debugUrl: debug?.[1] ?? null,
          pid: child.pid ?? 0,
          stop: () => stopChild(child),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited (${code}) before listening:\n${seen}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

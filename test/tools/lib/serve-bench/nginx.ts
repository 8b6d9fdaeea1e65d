// nginx as the whole-site reference: its default static serving with `gzip on`, over a built site.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { ChildServer } from './child-server.js';

const CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx'];

/** nginx's path, or why there is none: the bench says so plainly instead of comparing nothing. */
export function findNginx(): { path: string } | { missing: string } {
  const path = CANDIDATES.find((p) => existsSync(p));
  if (!path) return { missing: 'nginx is not installed (Debian package nginx-light or nginx)' };
  const probe = spawnSync(path, ['-v'], { encoding: 'utf8' });
  if (probe.status !== 0) return { missing: `${path} -v failed: ${probe.stderr.trim()}` };
  return { path };
}

/** The version line nginx prints, for the report. */
export function nginxVersion(path: string): string {
  return spawnSync(path, ['-v'], { encoding: 'utf8' })
    .stderr.trim()
    .replace(/^nginx version: /, '');
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => ok(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * One worker (the load generator has the other core), access log off, `gzip on` for the types
 * pugo compresses too, at nginx's default level: what a user who turns gzip on gets.
 */
function config(root: string, work: string, port: number): string {
  return `daemon off;
master_process off;
worker_processes 1;
pid ${join(work, 'nginx.pid')};
error_log ${join(work, 'error.log')} warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  gzip on;
  gzip_types text/css application/javascript application/json application/xml application/rss+xml application/atom+xml image/svg+xml;
  client_body_temp_path ${join(work, 'body')};
  proxy_temp_path ${join(work, 'proxy')};
  fastcgi_temp_path ${join(work, 'fastcgi')};
  uwsgi_temp_path ${join(work, 'uwsgi')};
  scgi_temp_path ${join(work, 'scgi')};
  server {
    listen 127.0.0.1:${port};
    root ${root};
  }
}
`;
}

/** nginx serving `root` on a free loopback port until stop(). */
export async function startNginx(nginx: string, root: string, work: string): Promise<ChildServer> {
  await mkdir(work, { recursive: true });
  const port = await freePort();
  const file = join(work, 'nginx.conf');
  await writeFile(file, config(root, work, port));
  const child = spawn(nginx, ['-c', file, '-p', work], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 100; tries++) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode})`);
    const up = await fetch(`${url}/`).then(
      () => true,
      () => false,
    );
    if (up) {
      return {
        url,
        debugUrl: null,
        pid: child.pid ?? 0,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error('nginx did not answer within 5 s');
}

// A tiny static server for a built site: the checks' own, so they test the files, not pugo's
// server. It is plain, as `python3 -m http.server` or nginx's default config: no rewrites.

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import mime from 'mime-types';
import { plainAnswer } from './site-files.js';

export interface StaticServer {
  /** The site root as served: http://127.0.0.1:PORT<basePath>. */
  root: URL;
  close(): Promise<void>;
}

function contentType(file: string): string {
  return (
    mime.contentType(mime.lookup(file) || 'application/octet-stream') || 'application/octet-stream'
  );
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, status: number): void {
  res.writeHead(status, {
    'Content-Type': contentType(file),
    'Content-Length': statSync(file).size,
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

function sendNotFound(req: IncomingMessage, res: ServerResponse, dir: string): void {
  const page = join(dir, '404.html');
  if (existsSync(page)) sendFile(req, res, page, 404);
  else res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
}

/** The decoded path under the mount point, or null when the request is outside it or malformed. */
function pathUnder(basePath: string, rawUrl: string): string | null {
  const { pathname } = new URL(rawUrl, 'http://127.0.0.1');
  const mounted = `${pathname}/` === basePath ? basePath : pathname;
  if (!mounted.startsWith(basePath)) return null;
  try {
    return decodeURIComponent(mounted.slice(basePath.length));
  } catch {
    return null;
  }
}

function handler(dir: string, basePath: string) {
  return function serveSite(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = pathUnder(basePath, req.url ?? '/');
    const answer = path === null ? null : plainAnswer(dir, path);
    if (answer && 'redirect' in answer) {
      // As python's http.server and nginx answer a folder named without its '/'.
      const location = `${basePath}${answer.redirect}`.split('/').map(encodeURIComponent).join('/');
      res.writeHead(301, { Location: location }).end();
    } else if (answer) sendFile(req, res, answer.file, 200);
    else sendNotFound(req, res, dir);
  };
}

/** Serves `dir` at `basePath` ('/' or '/blog/') on 127.0.0.1 and a free port. */
export function startStaticServer(dir: string, basePath = '/'): Promise<StaticServer> {
  const server = createServer(handler(dir, basePath));
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const close = (): Promise<void> =>
        new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        });
      resolvePromise({ root: new URL(`http://127.0.0.1:${port}${basePath}`), close });
    });
  });
}

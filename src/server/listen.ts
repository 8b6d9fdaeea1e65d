// Listening and stopping: the only place a socket is opened for the site.

import type { Server } from 'node:http';
import { createServer, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type Koa from 'koa';
import { PugoError } from '../errors.js';

/**
 * What one client may ask of the site's port: a slow or oversized request is cut off early and
 * costs little. Node's parser refuses a request line and headers over 16 KiB (its default).
 */
export interface RequestLimits {
  /** The headers must arrive within this (a slow sender is answered 408 and dropped). */
  headersTimeoutMs: number;
  /** The whole request must arrive within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** How often Node looks for connections past those times. */
  checkIntervalMs: number;
}

export const LIMITS: RequestLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
};

/**
 * A request Node's parser refused: its header block overflowed (414 when it was still in a long
 * request line, else 431), it timed out (408), or it was malformed (400). Answered and closed.
 */
function refuseClient(err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex): void {
  if (!socket.writable || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  let status = 400;
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') status = 408;
  else if (err.code === 'HPE_HEADER_OVERFLOW') status = longRequestLine(err.rawPacket) ? 414 : 431;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}

/**
 * The data being parsed starts with a request line longer than any URL of a site (or not ended
 * at all): the URL is what overflowed.
 */
function longRequestLine(packet: Buffer | undefined): boolean {
  if (!packet || !/^[A-Z]+ /.test(packet.subarray(0, 16).toString('latin1'))) return false;
  const end = packet.indexOf('\r\n');
  return end < 0 || end > 8 * 1024;
}

export interface Listening {
  server: Server;
  url: string;
  /** Stops accepting, lets in-flight requests finish, closes idle keep-alive sockets. */
  stop(): Promise<void>;
}

export async function listen(
  app: Koa,
  host: string,
  port: number,
  limits: RequestLimits = LIMITS,
): Promise<Listening> {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    app.callback(),
  );
  server.on('clientError', refuseClient);
  await new Promise<void>((ok, fail) => {
    server.once('error', (cause: NodeJS.ErrnoException) => {
      const why =
        cause.code === 'EADDRINUSE' ? 'the port is in use' : (cause.code ?? cause.message);
      const message = `cannot listen on ${host}:${port}: ${why}; choose another port (0 picks a free one)`;
      fail(new PugoError('PUGO_LISTEN', message, { cause }));
    });
    server.listen(port, host, () => {
      server.removeAllListeners('error');
      ok();
    });
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    url: `http://${shown}:${actual}`,
    stop: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeIdleConnections();
      }),
  };
}

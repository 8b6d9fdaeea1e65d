// Listening and stopping: the only place a socket is opened for the site.

import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type Koa from 'koa';
import { PugoError } from '../errors.js';

export interface Listening {
  server: Server;
  url: string;
  /** Stops accepting, lets in-flight requests finish, closes idle keep-alive sockets. */
  stop(): Promise<void>;
}

export async function listen(app: Koa, host: string, port: number): Promise<Listening> {
  const server = createServer(app.callback());
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

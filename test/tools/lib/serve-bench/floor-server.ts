// The references pugo is measured against: the same bytes for the same path, from a minimal
// Koa 3 + @koa/router app (the framework's floor) or from node:http alone. Run as a child process:
//   node floor-server.js koa|raw <path> <body-file> <content-type> [content-encoding]
// With a content-encoding the body file holds bytes already compressed, sent as they are.

import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import Router from '@koa/router';
import Koa from 'koa';

const [mode, path, bodyFile, type, encoding] = process.argv.slice(2);
const pages = new Map([[path, readFileSync(bodyFile)]]);

function koaListener(): RequestListener {
  const router = new Router();
  router.get('/:year/:month/:day/:slug.html', (ctx) => {
    const body = pages.get(ctx.path);
    if (!body) return;
    ctx.type = type;
    if (encoding) ctx.set('Content-Encoding', encoding);
    ctx.body = body;
  });
  const app = new Koa();
  app.use(router.routes());
  return app.callback();
}

const rawListener: RequestListener = (req, res) => {
  const body = pages.get(req.url ?? '');
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  const headers = { 'Content-Type': type, 'Content-Length': body.length };
  res.writeHead(200, encoding ? { ...headers, 'Content-Encoding': encoding } : headers).end(body);
};

const server = createServer(mode === 'koa' ? koaListener() : rawListener);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stderr.write(
    `listening http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/\n`,
  );
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));

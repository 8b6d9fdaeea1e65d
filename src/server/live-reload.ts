// Live reload for a writer (serve's watch mode): open pages hold a server-sent-events stream and
// reload when the content they show has changed. Never part of a built site.

import type { ServerResponse } from 'node:http';
import type { Context } from 'koa';

export const RELOAD_PATH = '/__pugo/reload';
export const RELOAD_SCRIPT_PATH = '/__pugo/reload.js';

/** Browsers keep a handful of tabs open; past this many streams, new ones are refused. */
const MAX_CLIENTS = 64;

/** An external script, so a theme's Content-Security-Policy without 'unsafe-inline' allows it. */
const SCRIPT = `new EventSource(${JSON.stringify(RELOAD_PATH)}).addEventListener('reload', () => location.reload());\n`;
const TAG = Buffer.from(`<script src="${RELOAD_SCRIPT_PATH}" defer></script>`);

export class LiveReload {
  private readonly clients = new Set<ServerResponse>();

  /** Adds the script tag before </body> (or at the end) of an HTML page. */
  inject(body: Buffer): Buffer {
    const at = body.lastIndexOf('</body>');
    if (at < 0) return Buffer.concat([body, TAG]);
    return Buffer.concat([body.subarray(0, at), TAG, body.subarray(at)]);
  }

  /** Answers the two live-reload paths; false for any other path. */
  handle(ctx: Context): boolean {
    if (ctx.path === RELOAD_SCRIPT_PATH) {
      ctx.type = 'text/javascript; charset=utf-8';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = SCRIPT;
      return true;
    }
    if (ctx.path !== RELOAD_PATH) return false;
    if (this.clients.size >= MAX_CLIENTS) {
      ctx.status = 503;
      ctx.body = 'too many live-reload clients\n';
      return true;
    }
    this.open(ctx);
    return true;
  }

  private open(ctx: Context): void {
    ctx.respond = false;
    const res = ctx.res;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': pugo live reload\n\n');
    this.clients.add(res);
    res.once('close', () => this.clients.delete(res));
  }

  /** Tells every open page to reload. */
  reload(): void {
    for (const res of this.clients) res.write('event: reload\ndata: {}\n\n');
  }

  get size(): number {
    return this.clients.size;
  }

  close(): void {
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}

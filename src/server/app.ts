// The Koa app: one error boundary, strict path decoding, the route table through pooled handlers,
// then static files; built without listening.

import Koa, { type Middleware } from 'koa';
import compose from 'koa-compose';
import { isPugoError } from '../errors.js';
import type { Logger } from '../log.js';
import { HandlerPool } from '../site/handler-pool.js';
import type { Params, RouteHandler } from '../site/handlers.js';
import type { SyncHealth } from '../site/health.js';
import type { StaticRoot } from '../site/published.js';
import type { Route } from '../site/routes.js';
import type { Site } from '../site/site.js';
import { CacheWarmer } from './cache-warmer.js';
import type { LiveReload } from './live-reload.js';
import { type CachedPage, RenderCache } from './render-cache.js';
import { decodeRequestPath } from './request-path.js';
import { RequestStats } from './request-stats.js';
import { labelRoute } from './route-label.js';
import { securityHeaders } from './security-headers.js';
import { sendPage } from './send-page.js';
import { staticFiles } from './static-files.js';

/** A client that went away mid-response is not the server's failure. */
const CLIENT_GONE = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);

export interface AppOptions {
  site: Site;
  routes: readonly Route[];
  staticRoots: StaticRoot[];
  poolSize: number;
  /** The render cache's bound ([server] cache_bytes); 0 renders every request. */
  cacheBytes: number;
  /** Where one line a request goes (`serve --log`); none by default. */
  accessLog?: (line: string) => void;
  /** Watch mode: pages carry the reload script and its stream is served. */
  liveReload?: LiveReload;
  /** Render every page into the cache in idle time after start and after each change (serve). */
  warm?: boolean;
  /** Answers /healthz: whether the site served is the content's latest. */
  health?: SyncHealth;
  /** A leak drill's route (`serve --drill`), tried before the route table. */
  drill?: Middleware;
  log: Logger;
}

export interface PugoApp {
  app: Koa;
  pools: Map<string, HandlerPool<RouteHandler>>;
  requests: RequestStats;
  cache: RenderCache;
  /** Present with `warm`: serve starts it once listening. */
  warmer: CacheWarmer | null;
}

export function createApp({
  site,
  routes,
  staticRoots,
  poolSize,
  cacheBytes,
  accessLog,
  liveReload,
  warm = false,
  health,
  drill,
  log,
}: AppOptions): PugoApp {
  const cache = new RenderCache(cacheBytes);
  const pools = new Map(
    routes.map((r) => [
      r.name,
      new HandlerPool<RouteHandler>(r.name, () => r.create(site), poolSize),
    ]),
  );
  const renderInto = (handler: RouteHandler, path: string, params: Params) =>
    render(handler, params, path, cache, liveReload);
  const warmer =
    warm && cacheBytes > 0
      ? new CacheWarmer({ site, routes, pools, cache, renderInto, log })
      : null;
  site.subscribe((deps) => {
    cache.invalidate(deps);
    warmer?.schedule();
  });
  const table = routes.map((route) => ({
    route,
    serve: routeMiddleware(
      route,
      pools.get(route.name) as HandlerPool<RouteHandler>,
      site,
      cache,
      liveReload,
    ),
  }));
  const dispatch = compose([
    ...(drill ? [drill] : []),
    routeTable(table, site),
    staticFiles({ roots: staticRoots, cache }),
  ]);
  const app = new Koa();
  app.on('error', (err: NodeJS.ErrnoException) => {
    if (!CLIENT_GONE.has(err.code ?? '')) log.error('response failed', err);
  });
  const requests = new RequestStats(accessLog);
  // One layer in front of the router: every Koa layer is a promise and a bound function that a
  // cache hit would pay for, so counting, errors, the method check and path decoding share it.
  app.use(frontDoor({ site, log, requests, dispatch, liveReload, health }));
  return { app, pools, requests, cache, warmer };
}

type RouteServer = (ctx: Koa.Context, params: Params, next: () => Promise<void>) => Promise<void>;

/**
 * The route table in order: the first route that matches the path and has the page answers. The
 * table matches from the site's current config, so edited link formats apply without a restart.
 */
function routeTable(table: { route: Route; serve: RouteServer }[], site: Site): Middleware {
  return async function routeTable(ctx, next) {
    const path = ctx.state.path as string;
    let i = 0;
    const tryFrom = async (): Promise<void> => {
      while (i < table.length) {
        const { route, serve } = table[i++];
        const params = route.match(path, site);
        if (params) return serve(ctx, params, tryFrom);
      }
      return next();
    };
    await tryFrom();
  };
}

/**
 * A request goes through its route's pool either way; a cache hit then costs a lookup and the
 * headers: no rendering, no store read, no compression done twice.
 */
function routeMiddleware(
  route: Route,
  pool: HandlerPool<RouteHandler>,
  site: Site,
  cache: RenderCache,
  liveReload?: LiveReload,
): RouteServer {
  /** Pages being rendered: a request that misses one already under way waits for it. */
  const rendering = new Map<string, Promise<CachedPage | null>>();
  return async function pooledRoute(ctx, params, next) {
    const path = ctx.state.path as string;
    // CPU samples taken while this route's code runs carry its name (route-label.ts). After an
    // await, the label is set again: other requests may have run meanwhile.
    labelRoute(route.name);
    // Taking the snapshot first lets a sync or a scheduled post drop what changed before lookup.
    site.snapshot();
    if (route.query && ctx.querystring) {
      const asked = route.query(ctx.querystring);
      if (typeof asked === 'string') return refuse(ctx, 400, `bad request: ${asked}`);
      if (asked) return answerQuery(ctx, pool, path, { ...params, ...asked }, liveReload, next);
    }
    const handler = pool.acquire();
    let page: CachedPage | null | undefined;
    try {
      page = cache.get(path);
      if (!page) {
        let pending = rendering.get(path);
        if (!pending) {
          pending = render(handler, params, path, cache, liveReload);
          rendering.set(path, pending);
          pending.finally(() => rendering.delete(path)).catch(() => {});
        }
        page = await pending;
      }
    } finally {
      pool.release(handler);
    }
    if (!page) {
      labelRoute(null);
      return next();
    }
    labelRoute(route.name);
    const sent = sendPage(ctx, path, page, cache);
    labelRoute(null);
    return sent;
  };
}

/**
 * A page answering a query (a search): rendered for this request and not kept, since queries
 * are as many as readers care to type; no validators, and no store in a shared cache.
 */
async function answerQuery(
  ctx: Koa.Context,
  pool: HandlerPool<RouteHandler>,
  path: string,
  params: Params,
  liveReload: LiveReload | undefined,
  next: () => Promise<void>,
): Promise<void> {
  const page = await pool.with((handler) => handler.render(path, params));
  if (!page) return next();
  ctx.status = page.status;
  ctx.type = page.type;
  ctx.set('Cache-Control', 'no-store');
  ctx.body =
    liveReload && page.type.startsWith('text/html') ? liveReload.inject(page.body) : page.body;
}

/** A cache miss: the handler renders, and the page is kept unless the site changed meanwhile. */
async function render(
  handler: RouteHandler,
  params: Params,
  path: string,
  cache: RenderCache,
  liveReload?: LiveReload,
): Promise<CachedPage | null> {
  const epoch = cache.epoch;
  const rendered = await handler.render(path, params);
  if (!rendered) return null;
  if (liveReload && rendered.type.startsWith('text/html')) {
    rendered.body = liveReload.inject(rendered.body);
  }
  return cache.put(path, rendered, { epoch });
}

/**
 * Pugo's nav links are extensionless: /x is /x.html or the folder page /x/ (as a static server
 * redirects a folder's name to it), and /x/ is /x/index.html or /x.html.
 */
export function alternativesOf(path: string): string[] {
  if (path.endsWith('/'))
    return path === '/' ? [] : [`${path}index.html`, `${path.slice(0, -1)}.html`];
  const last = path.slice(path.lastIndexOf('/') + 1);
  // A folder page ('/about/') by its file's name, as a static server answers it.
  if (last === 'index.html') return [path.slice(0, -last.length)];
  // A Pugo 2022 page without a slug is the folder '/notes.md/': '/notes.md' names it too.
  return last.includes('.') ? [`${path}/`] : [`${path}.html`, `${path}/`, `${path}/index.html`];
}

const NOTHING_AFTER = async () => {};

/** No page of a site has a longer URL; Node's parser refuses past 16 KiB of request head. */
const MAX_URL_LENGTH = 8 * 1024;

interface FrontDoor {
  site: Site;
  log: Logger;
  requests: RequestStats;
  dispatch: Middleware;
  liveReload?: LiveReload;
  health?: SyncHealth;
}

/**
 * Every request, in order: counted; security headers; GET and HEAD only; live reload's paths; the path decoded
 * strictly; the route table and static files; a 404 page; and the one place that decides what a
 * client sees when something goes wrong.
 */
function frontDoor({ site, log, requests, dispatch, liveReload, health }: FrontDoor): Middleware {
  return async function front(ctx) {
    const started = requests.start();
    for (const [name, value] of securityHeaders(site.config)) ctx.res.setHeader(name, value);
    try {
      if (ctx.url.length > MAX_URL_LENGTH) return refuse(ctx, 414, 'URI too long');
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return refuseMethod(ctx);
      if (liveReload?.handle(ctx)) return;
      if (health && ctx.path === HEALTH_PATH) return answerHealth(ctx, health);
      await resolvePath(ctx, dispatch);
      const answered = ctx.body !== undefined && ctx.body !== null;
      if (!answered && ctx.status === 404) sendPlain(ctx, site.notFound(ctx.path));
    } catch (err) {
      answerError(ctx, err, log);
    } finally {
      requests.finish(ctx, started);
    }
  };
}

/** The path as asked, then Pugo's extensionless alternatives if need be. */
async function resolvePath(ctx: Koa.Context, dispatch: Middleware): Promise<void> {
  const original = decodeRequestPath(ctx.path);
  ctx.state.path = original;
  await dispatch(ctx, NOTHING_AFTER);
  if (ctx.body !== undefined && ctx.body !== null) return;
  for (const path of alternativesOf(original)) {
    ctx.state.path = path;
    await dispatch(ctx, NOTHING_AFTER);
    if (ctx.body !== undefined && ctx.body !== null) return;
  }
  ctx.state.path = original;
}

/** For process managers and load balancers: no page of a site is at this path. */
const HEALTH_PATH = '/healthz';

/**
 * 200 while the server is up, with a body saying whether what it serves is the content's
 * latest: a stale snapshot is still a site worth sending readers to, and a balancer that took
 * the instance out for a full disk would take the site down with it.
 */
function answerHealth(ctx: Koa.Context, health: SyncHealth): void {
  ctx.status = 200;
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = `${JSON.stringify(health.view())}\n`;
}

function refuse(ctx: Koa.Context, status: number, message: string): void {
  ctx.status = status;
  ctx.type = 'text/plain; charset=utf-8';
  ctx.body = `${message}\n`;
}

function refuseMethod(ctx: Koa.Context): void {
  ctx.set('Allow', 'GET, HEAD');
  refuse(ctx, 405, 'method not allowed');
}

function answerError(ctx: Koa.Context, err: unknown, log: Logger): void {
  if (isPugoError(err) && err.code === 'PUGO_BAD_PATH') {
    refuse(ctx, 400, 'bad request');
    return;
  }
  log.error(`${ctx.method} ${ctx.url} failed`, err);
  ctx.status = 500;
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = '<!doctype html><title>Server error</title><h1>Server error</h1>\n';
}

/** A page that is not cached (the 404): no validators, since it names the path asked for. */
function sendPlain(ctx: Koa.Context, page: { status: number; type: string; body: Buffer }): void {
  ctx.status = page.status;
  ctx.type = page.type;
  ctx.body = page.body;
}

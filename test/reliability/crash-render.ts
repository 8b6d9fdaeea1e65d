// What a complete build of the store as it is would write, file by file, rendered on demand:
// the crash drill's reference for the files a killed build left.

import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { OpenSite } from '../../src/compose.js';
import { fileOfPath } from '../../src/render/urls.js';
import type { RouteHandler } from '../../src/site/handlers.js';
import { ROUTES } from '../../src/site/routes.js';

/** Where each file a build of the current store makes gets its bytes. */
export type Made = Map<string, () => Promise<Buffer>>;

/** Every file a build of the store as it is makes, enumerated as build.ts does. */
export async function madeBy(opened: OpenSite): Promise<Made> {
  const { site } = opened;
  await site.load();
  const snap = site.snapshot();
  const made: Made = new Map();
  for (const { prefix, dir } of opened.staticRoots) {
    for (const abs of await visibleFiles(dir)) {
      made.set(`${prefix.slice(1)}${relative(dir, abs).split(sep).join('/')}`, () => readFile(abs));
    }
  }
  for (const route of ROUTES) {
    const handler = route.create(site);
    for (const { path, params } of route.entries(snap, site)) {
      made.set(fileOfPath(path), () => renderOnce(handler, path, params));
    }
  }
  made.set('404.html', async () => site.notFound('/404.html').body);
  return made;
}

async function renderOnce(
  handler: RouteHandler,
  path: string,
  params: Record<string, string>,
): Promise<Buffer> {
  try {
    const page = await handler.render(path, params);
    if (!page) throw new Error(`${path} is listed but does not render`);
    return page.body;
  } finally {
    handler.reset();
  }
}

/** Files under `dir` but dotfiles and dot-folders, which the build skips too. */
async function visibleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((abs) => !/(^|[\\/])\./.test(abs.slice(dir.length)));
}

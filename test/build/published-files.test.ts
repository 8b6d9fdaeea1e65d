// What is published at all: the server and the build give out the same static files, and neither
// gives out a writer's dotfiles (.env, .git/, .DS_Store) beyond .well-known/.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/build/build.js';
import { ROUTES } from '../../src/site/routes.js';
import { makeSite, open, post, rawRequest, serve } from '../helpers.js';

async function everyFile(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

test('the server and the build publish the same files: no dotfiles, .well-known/ at the root', async (t) => {
  const site = await makeSite(t, {
    'post/a.md': post('A', '2020-01-01'),
    'media/a.png': Buffer.alloc(64, 1),
    'media/.env': 'SECRET=1\n',
    'media/.DS_Store': 'finder\n',
    'media/.git/config': '[core]\n',
    'media/sub/.hidden.txt': 'hidden\n',
    'media/note.md': '# a note\n',
    'content-ignored.txt': 'x',
    '.well-known/security.txt': 'Contact: mailto:me@example.com\n',
  });
  const opened = await open(t, site.content, site.store);
  await opened.sync();
  await buildSite({
    site: opened.site,
    routes: ROUTES,
    staticRoots: opened.staticRoots,
    destDir: site.dest,
  });
  const running = await serve(t, opened);
  let published = 0;
  for (const root of opened.staticRoots) {
    for (const rel of await everyFile(root.dir)) {
      const path = `${root.prefix}${rel}`;
      const built = join(site.dest, path.slice(1));
      const res = await rawRequest(running.url, path.split('/').map(encodeURIComponent).join('/'));
      const isBuilt = existsSync(built);
      assert.equal(res.status === 200, isBuilt, `${path}: served ${res.status}, built ${isBuilt}`);
      if (isBuilt) {
        published++;
        assert.ok(res.body.equals(await readFile(built)), `${path}: the same bytes`);
      }
    }
  }
  assert.ok(published > 3);
  for (const secret of [
    '/media/.env',
    '/media/.DS_Store',
    '/media/.git/config',
    '/media/sub/.hidden.txt',
    '/media/note.md',
  ]) {
    assert.equal((await rawRequest(running.url, secret)).status, 404, secret);
    assert.equal(existsSync(join(site.dest, secret.slice(1))), false, secret);
  }
  const known = await rawRequest(running.url, '/.well-known/security.txt');
  assert.equal(known.status, 200);
  assert.match(known.body.toString(), /Contact:/);
  assert.ok(existsSync(join(site.dest, '.well-known', 'security.txt')));
});

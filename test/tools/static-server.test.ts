// check:site's own static server is plain, as python3 -m http.server and nginx's default config:
// a file, or a folder's index.html behind its '/', and never /x → /x.html.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir, writeFiles } from '../helpers.js';
import { startStaticServer } from './lib/static-server.js';

test('the checks serve a built site with no rewrites', async (t) => {
  const dir = await tempDir(t);
  await writeFiles(dir, {
    'index.html': 'home',
    'archive.html': 'archive',
    'about/index.html': 'about',
    '404.html': 'missing',
  });
  const server = await startStaticServer(dir, '/');
  t.after(() => server.close());
  const get = (path: string) => fetch(new URL(path, server.root), { redirect: 'manual' });
  assert.equal((await get('/')).status, 200);
  assert.equal((await get('/archive.html')).status, 200);
  assert.equal((await get('/archive')).status, 404, 'no /x → /x.html');
  assert.equal((await get('/about/')).status, 200);
  const folder = await get('/about');
  assert.equal(folder.status, 301);
  assert.equal(folder.headers.get('location'), '/about/');
  assert.equal((await get('/about.html')).status, 404, 'no /x.html → /x/index.html');
  assert.equal((await get('/../etc/passwd')).status, 404);
});

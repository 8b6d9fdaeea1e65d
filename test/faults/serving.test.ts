// A live server when the machine fails under it: readers keep the last snapshot, /healthz says it
// is stale and why, no healthy store is moved aside, and once the fault is gone an edit lands.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeSite, post, spawnServe } from '../helpers.js';
import { mountTmpfs, tmpfsRefusal } from './machine.js';

const refused = await tmpfsRefusal();

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 10_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const got = await probe();
    if (got !== undefined) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const text = async (url: string) => (await fetch(url)).text();
const health = async (url: string) =>
  (await (await fetch(`${url}/healthz`)).json()) as Record<string, string>;

test('disk full while serving applies an edit: the old page is served, /healthz says stale, and an edit lands once there is room', {
  skip: refused ?? false,
}, async (t) => {
  const site = await makeSite(t, { 'post/a.md': post('First title', '2020-01-01') });
  const disk = await mountTmpfs(t, 8);
  const store = join(disk.dir, 'store');
  const served = await spawnServe(t, { content: site.content, store });
  assert.deepEqual((await health(served.url)).status, 'ok');
  await disk.fill();
  // Big enough that the store's log needs new blocks of the full disk, not the tail of its last.
  const body = `\n${'A paragraph of the post, long enough to need room. '.repeat(4000)}\n`;
  await writeFile(join(site.content, 'post/a.md'), post('Second title', '2020-01-01') + body);
  const stale = await until('a stale health', async () => {
    const h = await health(served.url);
    return h.status === 'stale' ? h : undefined;
  }).catch((err) => {
    throw new Error(`${err.message}; pugo said:\n${served.stderr()}`);
  });
  assert.equal(stale.code, 'PUGO_DISK_FULL');
  assert.match(
    await text(`${served.url}/2020/1/1/a.html`),
    /First title/,
    'readers keep the last snapshot',
  );
  assert.deepEqual(
    (await readdir(disk.dir)).filter((n) => n.startsWith('store')),
    ['store'],
    'nothing moved aside',
  );
  assert.match(served.stderr(), /PUGO_DISK_FULL/);
  await disk.free();
  // No save, no restart: the failed change is tried again on a timer and lands.
  await until('the failed change, tried again', async () =>
    /Second title/.test(await text(`${served.url}/2020/1/1/a.html`)) ? true : undefined,
  );
  assert.equal((await health(served.url)).status, 'ok');
  await writeFile(join(site.content, 'post/a.md'), post('Third title', '2020-01-01'));
  await until('the next edit', async () =>
    /Third title/.test(await text(`${served.url}/2020/1/1/a.html`)) ? true : undefined,
  );
});

test('the content folder moved away while serving: served as it was, never emptied; followed again once back', async (t) => {
  const site = await makeSite(t, { 'post/a.md': post('Still here', '2020-01-01') });
  const served = await spawnServe(t, site);
  const away = `${site.content}-away`;
  await rename(site.content, away);
  // Moving the folder is an event the watcher sees; a sync then finds no folder.
  const stale = await until('a stale health', async () => {
    const h = await health(served.url);
    return h.status === 'stale' ? h : undefined;
  });
  // A sync finds no folder, or the watcher sees meta.toml go first and reads settings again.
  assert.ok(['PUGO_CONTENT_GONE', 'PUGO_CONFIG_MISSING'].includes(stale.code), stale.code);
  assert.match(await text(`${served.url}/`), /Still here/, 'the last snapshot, not an empty site');
  await rename(away, site.content);
  await until('the folder followed again', async () =>
    (await health(served.url)).status === 'ok' ? true : undefined,
  );
  await writeFile(join(site.content, 'post/a.md'), post('Edited after it came back', '2020-01-01'));
  await until('an edit after the folder came back', async () =>
    /Edited after it came back/.test(await text(`${served.url}/2020/1/1/a.html`))
      ? true
      : undefined,
  );
});

test('the store folder deleted while serving: a new one is made from content, and the edit lands', async (t) => {
  const site = await makeSite(t, { 'post/a.md': post('Before', '2020-01-01') });
  const served = await spawnServe(t, site);
  await rm(site.store, { recursive: true, force: true });
  await writeFile(join(site.content, 'post/a.md'), post('After', '2020-01-01'));
  await until('the edit after the store was deleted', async () =>
    /After/.test(await text(`${served.url}/2020/1/1/a.html`)) ? true : undefined,
  );
  assert.ok(existsSync(join(site.store, 'CURRENT')), 'a store is there again');
  assert.match(served.stderr(), /was deleted; making it anew from content/);
  assert.equal((await health(served.url)).status, 'ok');
});

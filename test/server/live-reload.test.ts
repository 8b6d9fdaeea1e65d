// Watch mode as a writer uses it: save a post, and the open page is told to reload and shows it.

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeSite, post, spawnServe } from '../helpers.js';

async function startServe(
  t: Parameters<typeof makeSite>[0],
  site: { content: string; store: string },
  extra: string[] = [],
): Promise<string> {
  return (await spawnServe(t, site, extra)).url;
}

/** Resolves with the first `event: reload` on the stream, or rejects after `ms`. */
function nextReload(url: string, ms: number): { opened: Promise<void>; reloaded: Promise<void> } {
  let opened!: () => void;
  const openedP = new Promise<void>((ok) => {
    opened = ok;
  });
  const reloaded = new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no reload within ${ms} ms`)), ms);
    const req = httpGet(`${url}/__pugo/reload`, (res) => {
      assert.match(String(res.headers['content-type']), /text\/event-stream/);
      opened();
      res.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('event: reload')) {
          clearTimeout(timer);
          req.destroy();
          ok();
        }
      });
    });
    req.on('error', () => {});
  });
  return { opened: openedP, reloaded };
}

test('saving a post reloads the open page through server-sent events, and it shows the change', async (t) => {
  const s = await makeSite(t, { 'post/a.md': post('First title', '2020-01-01') });
  const url = await startServe(t, s);
  const page = await (await fetch(`${url}/2020/1/1/a.html`)).text();
  assert.match(page, /<script src="\/__pugo\/reload\.js" defer><\/script><\/body>/);
  assert.match(await (await fetch(`${url}/__pugo/reload.js`)).text(), /EventSource/);
  const { opened, reloaded } = nextReload(url, 3000);
  await opened;
  await writeFile(join(s.content, 'post/a.md'), post('Second title', '2020-01-01'));
  await reloaded;
  assert.match(await (await fetch(`${url}/2020/1/1/a.html`)).text(), /Second title/);
});

test('with --no-watch pages carry no reload script', async (t) => {
  const s = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
  const url = await startServe(t, s, ['--no-watch']);
  assert.doesNotMatch(await (await fetch(`${url}/2020/1/1/a.html`)).text(), /__pugo/);
  assert.equal((await fetch(`${url}/__pugo/reload.js`)).status, 404);
});

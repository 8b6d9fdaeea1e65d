// The DevTools formats open in a real viewer: speedscope (npm), in headless Chromium, imports
// /debug/pprof/cpuprofile and /debug/pprof/heapprofile, and on the drill its sandwich view puts
// DrillHandler among the heaviest allocators, as go tool pprof -top does.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { makeSite, post, REPO, spawnServe } from '../helpers.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tools/lib/chromium.js';

const SPEEDSCOPE = join(REPO, 'node_modules', 'speedscope', 'dist', 'release');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
};

/** speedscope's release and the profiles, from one origin on 127.0.0.1. */
async function serveViewer(profiles: Record<string, Buffer>) {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split(/[?#]/)[0];
    const profile = profiles[path.slice(1)];
    const file = normalize(join(SPEEDSCOPE, path === '/' ? 'index.html' : path));
    const found =
      profile ?? (file.startsWith(SPEEDSCOPE) && existsSync(file) && readFileSync(file));
    if (found) {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(found);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

test('speedscope imports the CPU and heap profiles, and its sandwich view finds the drill', async (t) => {
  if (!existsSync(CHROMIUM_PATH)) return t.skip('no chromium here (.ci/run installs it)');
  const s = await makeSite(t, { 'post/a.md': post('A post', '2020-01-01') });
  const flags = ['--no-watch', '--debug', '--debug-port', '0', '--drill', 'tango-pool'];
  const served = await spawnServe(t, s, flags);
  const debugUrl = /debug listener on (http:\/\/\S+?)\/debug\//.exec(served.stderr())?.[1];
  assert.ok(debugUrl, served.stderr());
  for (let i = 0; i < 2000; i++) await (await fetch(`${served.url}/drill/tango`)).arrayBuffer();
  const get = async (path: string) =>
    Buffer.from(await (await fetch(`${debugUrl}${path}`)).arrayBuffer());
  const profiles = {
    'pugo.heapprofile': await get('/debug/pprof/heapprofile'),
    'pugo.cpuprofile': await get('/debug/pprof/cpuprofile?seconds=1'),
  };
  const { server, base } = await serveViewer(profiles);
  t.after(() => server.close());
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  t.after(() => browser.close());
  const sandwich = async (file: string) => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const imported: string[] = [];
    page.on('console', (m) => {
      if (m.text().startsWith('Importing as')) imported.push(m.text());
    });
    await page.goto(`${base}/index.html#profileURL=${encodeURIComponent(`${base}/${file}`)}`);
    await page.getByText('Sandwich').click();
    await page.getByText('Symbol Name').waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: the rows as a reader sees them, one per line
    const text = await page.evaluate(() => document.body.innerText);
    await page.close();
    return { imported, text };
  };
  const cpu = await sandwich('pugo.cpuprofile');
  assert.deepEqual(cpu.imported, ['Importing as Chrome CPU Profile']);
  assert.match(cpu.text, /takeCpuProfile|processTicksAndRejections|\(garbage collector\)/);
  const heap = await sandwich('pugo.heapprofile');
  assert.deepEqual(heap.imported, ['Importing as Chrome Heap Profile']);
  // Rows of total, self and name, heaviest self first: the drill's handlers near the top.
  const names = heap.text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^[\d.]+ [KMG]?B \(/.test(line));
  const at = names.indexOf('DrillHandler');
  assert.ok(at >= 0 && at < names.indexOf('Symbol Name') + 6, names.slice(0, 16).join(' | '));
});

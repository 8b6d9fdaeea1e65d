// Live reload in a real browser: headless Chromium opens a post, the test rewrites the post's
// title on disk, and the page shows the new title without the test reloading it.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { makeSite, post, spawnServe } from '../helpers.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tools/lib/chromium.js';

test('a saved post shows in the open browser tab within 2 s', async (t) => {
  if (!existsSync(CHROMIUM_PATH)) return t.skip('no chromium here (.ci/run installs it)');
  const s = await makeSite(t, { 'post/a.md': post('Before the edit', '2020-01-01') });
  const { url } = await spawnServe(t, s);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${url}/2020/1/1/a.html`);
  assert.match((await page.locator('h1').last().textContent()) ?? '', /Before the edit/);
  // Wait until the page's event stream is open, so the save is not missed.
  await page.waitForTimeout(300);
  await writeFile(join(s.content, 'post/a.md'), post('After the edit', '2020-01-01'));
  await page.waitForFunction(() => document.body.textContent?.includes('After the edit'), null, {
    timeout: 2000,
  });
});

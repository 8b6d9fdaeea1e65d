// The real client: `go tool pprof` against a running debug listener and a site under load.
// CI installs Debian's golang-go and graphviz (.ci/run); without `go` on the PATH the test says so
// and checks nothing.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { promisify } from 'node:util';
import { tempDir } from '../helpers.js';
import { decodePprof, get, load, PAGES, servedSite, startDebug, str } from './helpers.js';

const run = promisify(execFile);

async function onPath(name: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    const runnable = await access(file, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (runnable) return file;
  }
  return null;
}

/** `go tool pprof <args>` with HOME and PPROF_TMPDIR in a temp folder: it writes nowhere else. */
async function pprofTool(t: TestContext, go: string, args: string[]): Promise<string> {
  const home = await tempDir(t, 'pugo-go-home-');
  const { stdout, stderr } = await run(go, ['tool', 'pprof', ...args], {
    cwd: home,
    env: { ...process.env, HOME: home, PPROF_TMPDIR: join(home, 'pprof') },
    timeout: 30_000,
  });
  return `${stderr}${stdout}`;
}

/** What pprof printed, a diagnostic line each, as a person would read it in the test log. */
function show(t: TestContext, output: string, lines: number): void {
  for (const line of output.split('\n').slice(0, lines)) t.diagnostic(line);
}

const keep: { rows: unknown[] } = { rows: [] };

/** Allocated between two heap profiles, so `-base` shows it as what grew. */
function growBetweenProfiles(): unknown[] {
  const rows: unknown[] = [];
  for (let i = 0; i < 80_000; i++) rows.push({ i, label: `grown ${i}` });
  return rows;
}

test('go tool pprof reads our heap and CPU profiles: -top, -peek, -base', async (t) => {
  const go = await onPath('go');
  if (!go) return t.skip('no go here: go tool pprof not run (.ci/run installs golang-go)');
  const debug = await startDebug(t);
  const site = await servedSite(t);
  const pprof = `${debug.url}/debug/pprof`;
  await load(site.url, PAGES, 500);

  const top = await pprofTool(t, go, ['-top', `${pprof}/heap`]);
  show(t, top, 12);
  assert.match(top, /Type: inuse_space/);
  assert.match(top, /Showing nodes accounting for/);
  assert.match(top, /^\s*[\d.]+[kMG]?B\s.*\((external)\)$/m, 'Buffers are their own entry');

  keep.rows = growBetweenProfiles();
  const peek = await pprofTool(t, go, ['-peek', '^growBetweenProfiles$', `${pprof}/heap`]);
  show(t, peek, 14);
  assert.match(peek, /calls calls% \+ context/);
  assert.match(peek, /\| growBetweenProfiles$/m);

  const dir = await tempDir(t, 'pugo-base-');
  keep.rows = [];
  const base = join(dir, 'base.pb.gz');
  await writeFile(base, (await get(`${pprof}/heap?gc=1`)).body);
  keep.rows = growBetweenProfiles();
  const current = join(dir, 'current.pb.gz');
  await writeFile(current, (await get(`${pprof}/heap?gc=1`)).body);
  const diff = await pprofTool(t, go, ['-top', '-base', base, current]);
  show(t, diff, 10);
  assert.match(diff, /Showing nodes accounting for/);
  assert.match(diff, /^\s*[1-9][\d.]*[kMG]?B\s.*\sgrowBetweenProfiles$/m, 'what grew, by how much');
  keep.rows = [];

  const [cpu, requests] = await Promise.all([
    pprofTool(t, go, ['-top', `${pprof}/profile?seconds=3`]),
    load(site.url, PAGES, 3500),
  ]);
  t.diagnostic(`${requests} requests during the CPU profile`);
  show(t, cpu, 16);
  assert.match(cpu, /Type: wall/);
  assert.match(cpu, /Duration: 3\.\d+s/);
  // The handlers' render() and the feed writer are where a page's time goes.
  const hot = cpu.match(/^\s*[\d.]+m?s\s.*\s(render|renderFeed)$/gm);
  assert.ok(hot, 'a pugo render function is in the CPU profile');
  show(t, hot.join('\n'), 2);
});

test('CPU samples carry the route they were taken in: go tool pprof -tags and -tagfocus', async (t) => {
  const debug = await startDebug(t);
  const site = await servedSite(t);
  const pprof = `${debug.url}/debug/pprof`;
  const [profile] = await Promise.all([
    get(`${pprof}/profile?seconds=2`),
    load(site.url, PAGES, 2300),
  ]);
  // Read back without go first: each labelled sample names a route of the route table.
  const decoded = decodePprof(profile.body);
  const routes = new Set<string>();
  for (const sample of decoded.sample) {
    for (const label of sample.label) {
      if (str(decoded, label.key) === 'route') routes.add(str(decoded, label.str));
    }
  }
  for (const route of ['home', 'tag', 'archive', 'rss', 'atom'])
    assert.ok(routes.has(route), [...routes].join(' '));
  const go = await onPath('go');
  if (!go) return t.skip('no go here: go tool pprof -tags not run (.ci/run installs golang-go)');
  const file = join(await tempDir(t, 'pugo-labels-'), 'cpu.pb.gz');
  await writeFile(file, profile.body);
  const tags = await pprofTool(t, go, ['-tags', file]);
  show(t, tags, 10);
  assert.match(tags, /route: Total/);
  assert.match(tags, /\(\s*[\d.]+%\): home$/m);
  const focused = await pprofTool(t, go, ['-top', '-tagfocus', 'route=tag', file]);
  show(t, focused, 8);
  assert.match(focused, /Active filters:\s+tagfocus=route=tag/);
});

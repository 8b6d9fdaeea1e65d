// Hugo as the build reference: Debian's `hugo`, found or installed, building the same generated
// posts with the site skeleton in ../shared/bench/hugo-site, timed as pugo is.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTool } from '../run-tool.js';
import type { RssProbe } from './measure.js';

const CANDIDATES = ['/usr/bin/hugo', '/usr/local/bin/hugo'];

export interface HugoFound {
  path: string;
  version: string;
  /** How it came to be here: "found" or "installed with apt-get". */
  how: string;
}

function versionOf(path: string): string {
  const out = spawnSync(path, ['version'], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim().split(' ').slice(0, 2).join(' ') : '';
}

/**
 * Hugo's path and version, installing Debian's package when it is missing and apt-get may run
 * (root); else why there is none, which the report prints instead of comparing nothing.
 */
export function findHugo(): HugoFound | { missing: string } {
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return { path: found, version: versionOf(found), how: 'found' };
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    return { missing: 'hugo is not installed (Debian package hugo: apt-get install hugo)' };
  }
  process.stderr.write('bench-build: hugo not found; installing Debian package hugo\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'hugo'], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const path = CANDIDATES.find((p) => existsSync(p));
  if (install.status !== 0 || !path) {
    return { missing: `apt-get install hugo failed: ${install.stderr.trim().split('\n').pop()}` };
  }
  return { path, version: versionOf(path), how: 'installed with apt-get' };
}

/** The shared skeleton with `n` posts in Hugo's format under content/post. */
export async function prepareHugoSite(shared: string, n: number, dir: string): Promise<void> {
  cpSync(join(shared, 'bench', 'hugo-site'), dir, { recursive: true });
  const generator = join(shared, 'bench', 'gen-corpus.mjs');
  const out = join(dir, 'content', 'post');
  const args = [generator, '--n', String(n), '--format', 'hugo', '--out', out];
  const { code, stderr } = await runTool(process.execPath, args, { advice: 'use Node 20' });
  if (code !== 0) throw new Error(`gen-corpus --format hugo failed (exit ${code}):\n${stderr}`);
}

export interface HugoSample {
  seconds: number;
  peakRssMb: number;
}

/** One cold `hugo` build of `dir`: no public/ and no resources/ or cache left from before. */
export async function timedHugo(
  probe: RssProbe,
  hugo: string,
  dir: string,
  reportFile: string,
): Promise<HugoSample> {
  for (const left of ['public', 'resources', '.hugo-cache']) {
    rmSync(join(dir, left), { recursive: true, force: true });
  }
  const command = [hugo, '--quiet', '--source', dir, '--cacheDir', join(dir, '.hugo-cache')];
  const { command: run, args, env } = probe.wrap(command, reportFile);
  const started = performance.now();
  const { code, stdout, stderr } = await runTool(run, args, {
    advice: 'apt-get install hugo',
    env,
  });
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`hugo failed (exit ${code}):\n${stdout}${stderr}`);
  const rssKb = Number(readFileSync(reportFile, 'utf8').trim().split('\n').pop());
  return { seconds, peakRssMb: rssKb / 1024 };
}

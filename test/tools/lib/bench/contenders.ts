// Eleventy and Hexo as further contenders of the build bench (--with eleventy,hexo): the same
// generated posts (gen-corpus --format yaml), the same pages as the Hugo skeleton, timed cold
// as Hugo is. Their pinned packages are installed from npm once, into a cache outside the repo.

import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../run-tool.js';
import type { HugoSample } from './hugo.js';
import type { RssProbe } from './measure.js';

export const CONTENDERS = ['eleventy', 'hexo'] as const;
export type ContenderName = (typeof CONTENDERS)[number];

interface Spec {
  /** Where its skeleton puts posts, under the site folder. */
  posts: string;
  /** What a cold build removes first. */
  outputs: string[];
  /** The build command, run in the site folder. */
  command: (site: string) => string[];
  /** Its package, for the version in the report. */
  pkg: string;
  label: string;
}

const SPECS: Record<ContenderName, Spec> = {
  eleventy: {
    posts: 'posts',
    outputs: ['_site', '.cache'],
    command: (site) => [
      process.execPath,
      join(site, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs'),
      '--quiet',
    ],
    pkg: '@11ty/eleventy',
    label: 'Eleventy',
  },
  hexo: {
    posts: join('source', '_posts'),
    outputs: ['public', 'db.json'],
    command: (site) => [
      process.execPath,
      join(site, 'node_modules', 'hexo', 'bin', 'hexo'),
      'generate',
      '--silent',
    ],
    pkg: 'hexo',
    label: 'Hexo',
  },
};

export interface Contender {
  name: ContenderName;
  /** 'Eleventy 3.1.8'. */
  version: string;
  site: string;
}

/** node_modules for a skeleton's package.json, installed once per its contents. */
async function installed(name: ContenderName, skeleton: string): Promise<string> {
  const manifest = readFileSync(join(skeleton, 'package.json'));
  const key = createHash('sha1').update(manifest).digest('hex').slice(0, 12);
  const cache = join(tmpdir(), 'pugo-bench-cache', `${name}-${key}`);
  if (existsSync(join(cache, 'node_modules', '.package-lock.json'))) return cache;
  mkdirSync(cache, { recursive: true });
  writeFileSync(join(cache, 'package.json'), manifest);
  process.stderr.write(`bench-build: installing ${name} from npm into ${cache}\n`);
  const args = ['install', '--no-audit', '--no-fund', '--loglevel=error'];
  const { code, stderr } = await runTool('npm', args, {
    cwd: cache,
    advice: 'npm must reach the registry',
  });
  if (code !== 0) throw new Error(`npm install for ${name} failed (exit ${code}):\n${stderr}`);
  return cache;
}

/** The contender's site of `n` posts in `work`, its packages linked in. */
export async function prepareContender(
  name: ContenderName,
  repo: string,
  shared: string,
  n: number,
  work: string,
): Promise<Contender> {
  const spec = SPECS[name];
  const skeleton = join(repo, 'test', 'tools', 'lib', 'bench', `${name}-site`);
  const cache = await installed(name, skeleton);
  const site = join(work, `${name}-site`);
  cpSync(skeleton, site, { recursive: true });
  symlinkSync(join(cache, 'node_modules'), join(site, 'node_modules'), 'dir');
  const generator = join(shared, 'bench', 'gen-corpus.mjs');
  const out = join(site, spec.posts);
  const args = [generator, '--n', String(n), '--format', 'yaml', '--out', out];
  const { code, stderr } = await runTool(process.execPath, args, { advice: 'use Node 20' });
  if (code !== 0) throw new Error(`gen-corpus --format yaml failed (exit ${code}):\n${stderr}`);
  const pkg = JSON.parse(
    readFileSync(join(cache, 'node_modules', ...spec.pkg.split('/'), 'package.json'), 'utf8'),
  ) as { version: string };
  return { name, version: `${spec.label} ${pkg.version}`, site };
}

/** One cold build: its outputs and caches removed first. A failure (Hexo out of memory) is a sample of nothing. */
export async function timedContender(
  probe: RssProbe,
  contender: Contender,
  reportFile: string,
): Promise<HugoSample | { failed: string }> {
  const spec = SPECS[contender.name];
  for (const left of spec.outputs)
    rmSync(join(contender.site, left), { recursive: true, force: true });
  const { command, args, env } = probe.wrap(spec.command(contender.site), reportFile);
  const started = performance.now();
  const { code, stdout, stderr } = await runTool(command, args, {
    cwd: contender.site,
    env,
    advice: 'npm must reach the registry',
  });
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) {
    const last = `${stdout}${stderr}`.trim().split('\n').slice(-2).join(' ');
    return { failed: `exit ${code} after ${seconds.toFixed(1)} s: ${last.slice(0, 200)}` };
  }
  const rssKb = Number(readFileSync(reportFile, 'utf8').trim().split('\n').pop());
  return { seconds, peakRssMb: rssKb / 1024 };
}

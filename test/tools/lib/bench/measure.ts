// One timed `pugo build` as a child process: wall-clock seconds, peak RSS, and its summary line.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runTool } from '../run-tool.js';

export interface BuildSample {
  seconds: number;
  peakRssMb: number;
  pages: number;
  rendered: number;
  changed: number;
}

/** How a child's peak RSS (kilobytes) is read after it exits. */
export interface RssProbe {
  name: string;
  wrap(
    command: string[],
    reportFile: string,
  ): { command: string; args: string[]; env: NodeJS.ProcessEnv };
}

const GNU_TIME = '/usr/bin/time';

/** GNU time (Debian's `time` package) writes the child's maximum resident set size in KB. */
const gnuTime: RssProbe = {
  name: `${GNU_TIME} -f %M`,
  wrap: (command, reportFile) => ({
    command: GNU_TIME,
    args: ['-f', '%M', '-o', reportFile, ...command],
    env: process.env,
  }),
};

/** Without GNU time: a preload module writes the process's own getrusage maxRSS (KB) at exit. */
function preloadProbe(workDir: string): RssProbe {
  const preload = join(workDir, 'peak-rss.mjs');
  writeFileSync(
    preload,
    "import { writeFileSync } from 'node:fs';\n" +
      "process.on('exit', () => writeFileSync(process.env.PUGO_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
  );
  return {
    name: 'process.resourceUsage().maxRSS (preload)',
    wrap: ([node = process.execPath, ...rest], reportFile) => ({
      command: node,
      args: ['--import', pathToFileURL(preload).href, ...rest],
      env: { ...process.env, PUGO_BENCH_RSS_FILE: reportFile },
    }),
  };
}

/** GNU time when it is there and answers %M, else the preload module. */
export async function chooseRssProbe(workDir: string): Promise<RssProbe> {
  if (existsSync(GNU_TIME)) {
    const probeFile = join(workDir, 'time-probe.txt');
    const { code } = await runTool(GNU_TIME, ['-f', '%M', '-o', probeFile, 'true'], { advice: '' });
    if (code === 0 && /^\d+\s*$/.test(readFileSync(probeFile, 'utf8'))) return gnuTime;
  }
  return preloadProbe(workDir);
}

const SUMMARY = /built ([\d,]+) pages? in [\d.]+ s, ([\d,]+) rendered, ([\d,]+) changed/;
const count = (text: string | undefined): number => Number((text ?? '').replaceAll(',', ''));

/** Runs `node dist/src/cli/main.js build …` once under the probe and reads what it reports. */
export async function timedBuild(
  probe: RssProbe,
  buildCommand: string[],
  reportFile: string,
): Promise<BuildSample> {
  const { command, args, env } = probe.wrap(buildCommand, reportFile);
  const started = performance.now();
  const { code, stdout, stderr } = await runTool(command, args, { advice: 'use Node 20', env });
  const seconds = (performance.now() - started) / 1000;
  const summary = SUMMARY.exec(stdout);
  if (code !== 0 || !summary) throw new Error(`build failed (exit ${code}):\n${stdout}${stderr}`);
  const rssKb = Number(readFileSync(reportFile, 'utf8').trim().split('\n').pop());
  const [pages, rendered, changed] = summary.slice(1).map(count);
  return { seconds, peakRssMb: rssKb / 1024, pages, rendered, changed };
}

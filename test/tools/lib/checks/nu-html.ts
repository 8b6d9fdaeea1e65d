// (a) The W3C Nu HTML Checker over every .html file; any error fails, reported as file:line.

import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADVICE } from '../advice.js';
import { type CheckResult, failed, passed } from '../check-result.js';
import { requireFile, runTool } from '../run-tool.js';
import type { SiteContext } from '../site-context.js';

/** Files per java run: keeps the command line short and the JVM start cost small. */
const BATCH = 250;

interface NuMessage {
  type: string;
  url?: string;
  firstLine?: number;
  lastLine?: number;
  message: string;
}

function location(dir: string, message: NuMessage): string {
  const file = message.url?.startsWith('file:') ? relative(dir, fileURLToPath(message.url)) : '?';
  return `${file}:${message.lastLine ?? message.firstLine ?? '?'}`;
}

function parseReport(stderr: string): NuMessage[] {
  try {
    return (JSON.parse(stderr) as { messages: NuMessage[] }).messages;
  } catch {
    throw new Error(`the Nu checker did not answer with JSON:\n${stderr.slice(0, 2000)}`);
  }
}

/** One java run over `files`: the errors as "file:line: message". */
async function checkBatch(jar: string, dir: string, files: string[]): Promise<string[]> {
  const args = [
    '-jar',
    jar,
    '--errors-only',
    '--format',
    'json',
    ...files.map((f) => join(dir, f)),
  ];
  const { stderr } = await runTool('java', args, { advice: ADVICE.java });
  return parseReport(stderr)
    .filter((message) => message.type !== 'info')
    .map((message) => `${location(dir, message)}: ${message.message}`);
}

export async function checkNuHtml(ctx: SiteContext): Promise<CheckResult> {
  const jar = requireFile(join(ctx.repo, 'node_modules/vnu-jar/build/dist/vnu.jar'), ADVICE.vnu);
  const pages = ctx.files.filter((file) => file.endsWith('.html'));
  const errors: string[] = [];
  for (let start = 0; start < pages.length; start += BATCH) {
    errors.push(...(await checkBatch(jar, ctx.dir, pages.slice(start, start + BATCH))));
  }
  const summary = `${errors.length} errors in ${pages.length} files`;
  if (pages.length === 0) return failed('nu', 'no .html files to check');
  return errors.length === 0 ? passed('nu', summary) : failed('nu', summary, errors);
}

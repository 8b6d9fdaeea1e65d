// (a) The W3C Nu HTML Checker over every .html file; any error fails, reported as file:line,
// unless it is the author's: posts imported from WordPress carry raw HTML (<font>, <p> in <pre>)
// that pugo renders as written. Those are counted and listed, and do not fail the check.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
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

async function checkAll(jar: string, dir: string, files: string[]): Promise<string[]> {
  const errors: string[] = [];
  for (let start = 0; start < files.length; start += BATCH) {
    errors.push(...(await checkBatch(jar, dir, files.slice(start, start + BATCH))));
  }
  return errors;
}

/** The default theme marks the author's HTML with these (post.eta, page.eta, index.eta). */
const AUTHORED = /<!--pugo:post-->[\s\S]*?<!--\/pugo:post-->/g;

/**
 * The pages as the theme alone makes them: each marked stretch of the author's HTML emptied, in a
 * temporary copy of the site. Their errors are pugo's; the rest of the full pages' are the author's.
 */
function themeOnlyCopy(ctx: SiteContext, pages: string[]): string {
  const copy = mkdtempSync(join(tmpdir(), 'pugo-nu-'));
  for (const file of pages) {
    const text = readFileSync(join(ctx.dir, file), 'utf8');
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    writeFileSync(join(copy, file), text.replace(AUTHORED, ''));
  }
  return copy;
}

export async function checkNuHtml(ctx: SiteContext): Promise<CheckResult> {
  const jar = requireFile(join(ctx.repo, 'node_modules/vnu-jar/build/dist/vnu.jar'), ADVICE.vnu);
  const pages = ctx.files.filter((file) => file.endsWith('.html'));
  if (pages.length === 0) return failed('nu', 'no .html files to check');
  const all = await checkAll(jar, ctx.dir, pages);
  if (all.length === 0) return passed('nu', `0 errors in ${pages.length} files`);
  const copy = themeOnlyCopy(ctx, pages);
  let errors: string[];
  try {
    errors = await checkAll(jar, copy, pages);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  const authored = all.length - errors.length;
  const note = authored > 0 ? `; ${authored} more in the HTML authors wrote into posts` : '';
  const summary = `${errors.length} errors in ${pages.length} files${note}`;
  const theirs = authored > 0 ? all.map((line) => `full page: ${line}`).slice(0, 20) : [];
  return errors.length === 0
    ? passed('nu', summary, theirs)
    : failed('nu', summary, [...errors, ...theirs]);
}

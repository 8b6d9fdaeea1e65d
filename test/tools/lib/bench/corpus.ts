// The benchmark site: posts from shared/bench/gen-corpus.mjs and a meta.toml naming their authors.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTool } from '../run-tool.js';

/** Writes `n` posts in pugo's format to `postDir` with the shared, deterministic generator. */
export async function generatePosts(sharedDir: string, n: number, postDir: string): Promise<void> {
  const generator = join(sharedDir, 'bench', 'gen-corpus.mjs');
  const args = [generator, '--n', String(n), '--format', 'pugo', '--out', postDir];
  const { code, stderr } = await runTool(process.execPath, args, { advice: 'use Node 20' });
  if (code !== 0) throw new Error(`gen-corpus failed (exit ${code}):\n${stderr}`);
}

/** The distinct `author = "…"` values of the generated front matter, sorted. */
export function authorsOf(postDir: string): string[] {
  const authors = new Set<string>();
  for (const file of readdirSync(postDir).filter((name) => name.endsWith('.md'))) {
    const match = /^author = (".*")$/m.exec(readFileSync(join(postDir, file), 'utf8'));
    if (match?.[1]) authors.add(JSON.parse(match[1]) as string);
  }
  return [...authors].sort();
}

/** meta.toml with ten posts a list page and every author; JSON strings are valid TOML strings. */
export function writeMeta(siteDir: string, authors: string[]): void {
  const lines = [
    '[meta]',
    'title = "pugo build benchmark"',
    'root = "http://127.0.0.1:8080"',
    'lang = "en"',
    '',
    '[build]',
    'post_pagesize = 10',
    ...authors.flatMap((name) => ['', '[[author]]', `name = ${JSON.stringify(name)}`]),
  ];
  writeFileSync(join(siteDir, 'meta.toml'), `${lines.join('\n')}\n`);
}

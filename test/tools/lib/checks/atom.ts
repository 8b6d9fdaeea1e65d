// (c) atom.xml against the RELAX NG schema of RFC 4287, with jing.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADVICE } from '../advice.js';
import { type CheckResult, failed, passed, skipped } from '../check-result.js';
import { runTool } from '../run-tool.js';
import { type SiteContext, schemaFile } from '../site-context.js';

/** Debian's jing wrapper warns about optional jars it cannot find; those lines are noise. */
function realLines(text: string, dir: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('[warning]'))
    .map((line) => line.replace(`${dir}/`, ''));
}

export async function checkAtom(ctx: SiteContext): Promise<CheckResult> {
  const file = join(ctx.dir, 'atom.xml');
  if (!existsSync(file)) return failed('atom', 'atom.xml is missing');
  const schema = schemaFile(ctx, 'atom.rnc');
  if (!schema) return skipped('atom', `not run: no atom.rnc in ${ctx.schemas} (${ADVICE.schemas})`);
  const { code, stdout, stderr } = await runTool('jing', ['-c', schema, file], {
    advice: ADVICE.jing,
  });
  const entries = readFileSync(file, 'utf8').match(/<entry[\s>]/g)?.length ?? 0;
  if (code === 0) return passed('atom', `valid against atom.rnc, ${entries} entries`);
  const problems = [...realLines(stdout, ctx.dir), ...realLines(stderr, ctx.dir)];
  return failed('atom', `${problems.length} errors against atom.rnc (jing)`, problems);
}

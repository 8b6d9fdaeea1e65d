// How a run tells its user about the site: paths they can open, problems, counts and plurals.

import { isAbsolute, join, relative } from 'node:path';
import { type Logger, thousands } from '../log.js';
import type { ContentProblem } from '../types.js';

/** A file's path as the user can open it: relative to the current folder, like the flags. */
export function shownPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel === '' ? '.' : isAbsolute(rel) ? abs : rel;
}

/** "content/post/a.md:4: tags must be an array of strings; … [PUGO_FIELD_INVALID]" */
export function describeProblem(p: ContentProblem, contentDir: string): string {
  const where = `${shownPath(join(contentDir, p.file))}${p.line ? `:${p.line}` : ''}`;
  return `${where}: ${p.message} [${p.code}]`;
}

/** What became of the file, said truthfully: built anyway, its last good version kept, or left out. */
export function problemOutcome(p: ContentProblem): string {
  if (p.severity === 'warning') return '';
  return p.kept ? ' (its last good version is still served)' : ' (left out of the site)';
}

export function reportProblems(problems: ContentProblem[], contentDir: string, log: Logger): void {
  for (const p of problems) {
    const line = `${describeProblem(p, contentDir)}${problemOutcome(p)}`;
    if (p.severity === 'warning') log.warn(line);
    else log.error(line);
  }
}

/** '2 errors, 3 warnings' */
export function countProblems(problems: ContentProblem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const counts = [];
  if (errors) counts.push(plural(errors, 'error'));
  if (problems.length > errors) counts.push(plural(problems.length - errors, 'warning'));
  return counts.join(', ');
}

export function plural(n: number, word: string): string {
  return `${thousands(n)} ${word}${n === 1 ? '' : 's'}`;
}

// What every site command shares: site options from flags, and how problems are reported.

import { isAbsolute, join, relative } from 'node:path';
import type { OpenSite } from '../compose.js';
import { type Logger, thousands } from '../log.js';
import type { ContentProblem } from '../types.js';

export interface SiteFlags {
  content: string;
  theme: string;
  store: string;
  drafts: boolean;
  future: boolean;
}

/** The composition root is loaded here, not at start: a build with nothing to do never needs it. */
export async function openFromFlags(flags: SiteFlags, log: Logger): Promise<OpenSite> {
  const { openSite } = await import('../compose.js');
  return openSite({
    contentDir: flags.content,
    themeDir: flags.theme,
    storeDir: flags.store,
    drafts: flags.drafts,
    future: flags.future,
    log,
  });
}

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

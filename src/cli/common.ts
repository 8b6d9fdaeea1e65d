// What every site command shares: site options from flags, and how problems are reported.

import { type OpenSite, openSite } from '../compose.js';
import type { Logger } from '../log.js';
import type { ContentProblem } from '../types.js';

export interface SiteFlags {
  content: string;
  theme: string;
  store: string;
  drafts: boolean;
  future: boolean;
}

export function openFromFlags(flags: SiteFlags, log: Logger): Promise<OpenSite> {
  return openSite({
    contentDir: flags.content,
    themeDir: flags.theme,
    storeDir: flags.store,
    drafts: flags.drafts,
    future: flags.future,
    log,
  });
}

export function describeProblem(p: ContentProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message} [${p.code}]`;
}

export function reportProblems(problems: ContentProblem[], log: Logger): void {
  for (const p of problems) log.warn(`${describeProblem(p)} (last good version kept)`);
}

/** 2911 → '2,911'. By hand: the first toLocaleString call loads ICU data, 25 ms of a rebuild. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function plural(n: number, word: string): string {
  return `${thousands(n)} ${word}${n === 1 ? '' : 's'}`;
}

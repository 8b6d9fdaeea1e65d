// The note check, build and serve print about what the site leaves out: drafts and scheduled posts.

import type { LeftOut } from '../site/entry-state.js';
import { plural } from './reports.js';

/** 'left out 2 drafts and 1 scheduled post (see pugo list)', or null when nothing is left out. */
export function leftOutNote({ drafts, scheduled }: LeftOut): string | null {
  const parts = [
    drafts ? plural(drafts, 'draft') : '',
    scheduled ? plural(scheduled, 'scheduled post') : '',
  ].filter(Boolean);
  if (parts.length === 0) return null;
  const flags = [drafts ? '--drafts' : '', scheduled ? '--future' : ''].filter(Boolean);
  return `left out ${parts.join(' and ')} (see pugo list; ${flags.join(' and ')} to include them)`;
}

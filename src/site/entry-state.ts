// Whether a post or page is published, a draft or scheduled, and how many a site leaves out.

import type { StoreContents, Visibility } from './snapshot.js';

export type EntryState = 'published' | 'draft' | 'scheduled';

/** A draft is a draft whatever its date; a post dated after `now` is scheduled. Pages have no schedule. */
export function stateOf(
  entry: { kind: 'post' | 'page'; draft: boolean; date: string },
  now: number,
): EntryState {
  if (entry.draft) return 'draft';
  return entry.kind === 'post' && Date.parse(entry.date) > now ? 'scheduled' : 'published';
}

export interface LeftOut {
  /** Posts and pages with draft = true, unless --drafts. */
  drafts: number;
  /** Posts dated after now (and not drafts), unless --future. */
  scheduled: number;
}

/** What a snapshot taken at `now` with `vis` leaves out, by the same rules as takeSnapshot. */
export function countLeftOut(all: StoreContents, vis: Visibility, now: number): LeftOut {
  const left: LeftOut = { drafts: 0, scheduled: 0 };
  for (const entry of [...all.posts, ...all.pages]) {
    // A future-dated draft shown by --drafts is still left out without --future.
    if (entry.draft && !vis.drafts) left.drafts++;
    else if (stateOf({ ...entry, draft: false }, now) === 'scheduled' && !vis.future)
      left.scheduled++;
  }
  return left;
}

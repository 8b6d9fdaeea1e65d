// pugo list: every post and page with its date, URL and state (published, draft or scheduled).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countProblems, plural } from '../compose/reports.js';
import { formatDateTime } from '../content/dates.js';
import type { Logger } from '../log.js';
import { type EntryState, stateOf } from '../site/entry-state.js';
import { byPageOrder } from '../site/snapshot.js';
import type { PageSummary, PostSummary } from '../types.js';
import { parseFlags, SITE_FLAGS, usage } from './args.js';
import { openFromFlags } from './common.js';

const FLAGS = {
  content: SITE_FLAGS.content,
  theme: SITE_FLAGS.theme,
  help: SITE_FLAGS.help,
} as const;

export const LIST_HELP = `${usage('list', '[flags]', ['content', 'theme', 'help'])}
Lists every post (newest first) and page with its state, date (in [meta] timezone), URL path,
title and file. A draft has draft = true (--drafts shows it); a scheduled post is dated after
now (--future shows it, and it appears by itself when its time comes).
`;

type Summary = PostSummary | PageSummary;

/** One line: state, date, URL path, then the title and file (of any width, so last). */
function lineOf(entry: Summary, state: EntryState, timezone: string, pathWidth: number): string {
  const date = formatDateTime(entry.date, timezone).slice(0, 16);
  return `  ${state.padEnd(9)}  ${date}  ${entry.path.padEnd(pathWidth)}  ${entry.title} (${entry.id})`;
}

function section(name: string, entries: Summary[], timezone: string, now: number): string[] {
  if (entries.length === 0) return [];
  const states = entries.map((e) => stateOf(e, now));
  const counts = (['draft', 'scheduled'] as const)
    .map((s) => [s, states.filter((x) => x === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const width = Math.max(...entries.map((e) => e.path.length));
  return [
    `${plural(entries.length, name)}${counts.length ? ` (${counts.join(', ')})` : ''}:`,
    ...entries.map((e, i) => lineOf(e, states[i], timezone, width)),
  ];
}

export async function listCommand(argv: string[], log: Logger): Promise<number> {
  const { values } = parseFlags('list', argv, FLAGS);
  if (values.help) {
    process.stdout.write(LIST_HELP);
    return 0;
  }
  // As check does: a fresh store, so the list is what the files say now and a running serve or
  // build (which hold their stores) is neither waited for nor disturbed.
  const storeDir = await mkdtemp(join(tmpdir(), 'pugo-list-'));
  try {
    const flags = { ...values, store: storeDir, drafts: true, future: true };
    const opened = await openFromFlags(flags, log);
    let listed: { posts: PostSummary[]; pages: PageSummary[]; problems: string };
    try {
      const synced = await opened.sync({ load: false, shareMainThread: true });
      const [posts, pages] = [
        await opened.store.postSummaries(),
        await opened.store.pageSummaries(),
      ];
      listed = { posts, pages, problems: countProblems(synced.problems) };
    } finally {
      await opened.close();
    }
    const now = Date.now();
    const zone = opened.config.meta.timezone;
    const pages = listed.pages.sort(byPageOrder);
    const lines = [
      ...section('post', listed.posts, zone, now),
      ...section('page', pages, zone, now),
    ];
    if (lines.length === 0) lines.push('no posts or pages');
    if (listed.problems) lines.push(`${listed.problems} in the content: see pugo check`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await rm(storeDir, { recursive: true, force: true });
  }
}

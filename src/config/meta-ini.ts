// Pugo 0.10's older meta.ini, turned into the tables meta.toml has, so one reader reads both.

import { parseIni } from '../content/ini.js';
import { PugoError } from '../errors.js';
import type { Table } from './fields.js';

/**
 * A list section of meta.ini: `[nav]` holds `guide = "guide"` lines naming the `[nav.guide]`
 * sections, in order (Pugo's NewAllMeta read it so); a name without its section, or whose
 * section has no link (nav) or name (author), is skipped, as Pugo skipped it.
 */
function listOf(data: Table, key: string, required: string): Table[] {
  const names = data[key];
  if (typeof names !== 'object' || names === null) return [];
  const items: Table[] = [];
  for (const name of Object.values(names as Table)) {
    const item = data[`${key}.${String(name)}`];
    if (typeof item === 'object' && item !== null && (item as Table)[required]) {
      items.push(item as Table);
    }
  }
  return items;
}

/** INI values are all text: the few meta.toml keys that are not get their type back here. */
function typed(table: unknown, booleans: string[] = [], numbers: string[] = []): Table {
  const out: Table = { ...((table as Table) ?? {}) };
  for (const key of booleans) if (out[key] !== undefined) out[key] = out[key] === 'true';
  for (const key of numbers) if (out[key] !== undefined) out[key] = Number(out[key]);
  return out;
}

export function metaIniTables(text: string, file: string): Table {
  let data: Table;
  try {
    data = parseIni(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), file, 1);
  } catch (cause) {
    const line = (cause as PugoError).line;
    throw new PugoError('PUGO_CONFIG_INVALID', `invalid INI: ${(cause as Error).message}`, {
      file,
      line,
      cause,
    });
  }
  const comment = typed(data.comment);
  // Pugo 0.10 read [comment.disqus] site = … in meta.ini; meta.toml has [comment] disqus = ….
  const disqus = (data['comment.disqus'] as Table | undefined)?.site;
  if (typeof disqus === 'string' && disqus) comment.disqus = disqus;
  return {
    meta: typed(data.meta),
    nav: listOf(data, 'nav', 'link').map((n) => typed(n, ['blank'])),
    author: listOf(data, 'author', 'name').map((a) => typed(a)),
    comment,
    analytics: typed(data.analytics),
    build: typed(
      data.build,
      [],
      ['post_pagesize', 'tag_pagesize', 'feed_limit', 'words_per_minute', 'cjk_per_minute'],
    ),
  };
}

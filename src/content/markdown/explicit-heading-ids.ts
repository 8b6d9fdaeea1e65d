// Pugo profile: `## Title {#id}` gives the heading the id `id`, as blackfriday's HEADER_IDS did.
import type MarkdownIt from 'markdown-it';

/**
 * blackfriday took the first `{#` of an ATX heading and the next `}` as its id and dropped both
 * from the text (and anything after them); old `#id` links point there. Pugo did not set
 * AUTO_HEADER_IDS, so other headings had no id: pugo's own ids (heading-ids.ts) fill those.
 */
/**
 * A repeated id numbered as blackfriday's ensureUniqueHeaderID numbered it: `a`, `a-1`, `a-2`,
 * and `a-1-1` when an author wrote `a-1` too. `counts` holds how often each id was taken.
 */
function uniqueId(wanted: string, counts: Map<string, number>): string {
  let id = wanted;
  for (let count = counts.get(id); count !== undefined; count = counts.get(id)) {
    const next = `${id}-${count + 1}`;
    if (counts.has(next)) id = `${id}-1`;
    else {
      counts.set(id, count + 1);
      id = next;
    }
  }
  counts.set(id, 0);
  return id;
}

export function explicitHeadingIds(md: MarkdownIt): void {
  md.core.ruler.after('block', 'explicit_heading_ids', (state) => {
    const tokens = state.tokens;
    const counts = new Map<string, number>();
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (tokens[i].type !== 'heading_open' || !tokens[i].markup.startsWith('#')) continue;
      const inline = tokens[i + 1];
      const open = inline.content.indexOf('{#');
      const close = open === -1 ? -1 : inline.content.indexOf('}', open + 2);
      if (close === -1) continue;
      const id = inline.content.slice(open + 2, close);
      inline.content = inline.content.slice(0, open).trimEnd();
      if (id !== '') tokens[i].attrSet('id', uniqueId(id, counts));
    }
  });
}

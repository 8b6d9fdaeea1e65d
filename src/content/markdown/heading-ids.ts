// Heading ids, so a table of contents or a shared link can point at a section.
import type MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

export interface HeadingIdOptions {
  /** A heading's text → its id before repeats are numbered; never returns ''. */
  slugify: (text: string) => string;
}

/** A heading's text as markdown-it-anchor read it: its text and code spans, joined. */
function headingText(inline: Token | undefined): string {
  let text = '';
  for (const child of inline?.children ?? []) {
    if (child.type === 'text' || child.type === 'code_inline') text += child.content;
  }
  return text;
}

/**
 * `base`, or `base-1`, `base-2`, ... : the first one not yet taken, as markdown-it-anchor numbers
 * repeats. `next` remembers where each base's search stopped (every suffix below it is taken),
 * so a thousand headings of the same text cost a thousand steps, not half a million.
 */
function uniqueId(base: string, taken: Set<string>, next: Map<string, number>): string {
  let id = base;
  if (taken.has(id)) {
    let n = next.get(base) ?? 1;
    while (taken.has(`${base}-${n}`)) n++;
    id = `${base}-${n}`;
    next.set(base, n + 1);
  }
  taken.add(id);
  return id;
}

/**
 * Gives every heading an id, with the ids markdown-it-anchor gave (uniqueSlugStartIndex 1, no
 * tabindex), in linear time. markdown-it-anchor 10 looks each heading up again with indexOf over
 * all tokens and counts repeats' suffixes from 1 every time: both quadratic, so a post of 16,000
 * identical headings took 36 s to render, and 1 MB of distinct ones 12 s.
 */
export function headingIds(md: MarkdownIt, { slugify }: HeadingIdOptions): void {
  // Last in the core chain: the heading's inline children exist and text runs are joined.
  md.core.ruler.push('heading_ids', (state) => {
    const tokens = state.tokens;
    const headings = tokens.flatMap((t, i) => (t.type === 'heading_open' ? [i] : []));
    // Ids the author gave (`{#id}` in the pugo profile) are kept, and no other heading takes them.
    const taken = new Set(headings.map((i) => tokens[i].attrGet('id')).filter((id) => id !== null));
    const next = new Map<string, number>();
    for (const i of headings) {
      if (tokens[i].attrGet('id') !== null) continue;
      tokens[i].attrSet('id', uniqueId(slugify(headingText(tokens[i + 1])), taken, next));
    }
  });
}

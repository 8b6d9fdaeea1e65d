// Heading levels renumbered so a post's outline fits under the page's h1 (its title).
import type MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

/**
 * Real Pugo posts open sections with `###` or even `#`, right under the page's h1: the Nu HTML
 * Checker and Lighthouse's heading-order audit flag every such skip. The levels a post uses are
 * ranked (the highest becomes h2, the next h3, ...), and a heading never goes more than one level
 * deeper than the one before it. The order and nesting the author wrote are kept.
 */
export function renumberLevels(levels: number[]): number[] {
  const ranked = [...new Set(levels)].sort((a, b) => a - b);
  let previous = 1;
  return levels.map((written) => {
    previous = Math.min(ranked.indexOf(written) + 2, previous + 1, 6);
    return previous;
  });
}

/** The core rule applying renumberLevels to a post's headings, open and close tags alike. */
export function headingLevels(md: MarkdownIt): void {
  md.core.ruler.after('block', 'heading_levels', (state) => {
    const opens = state.tokens.filter((t) => t.type === 'heading_open');
    if (opens.length === 0) return;
    const levels = renumberLevels(opens.map(levelOf));
    let n = -1;
    for (const token of state.tokens) {
      if (token.type === 'heading_open') n++;
      if (token.type === 'heading_open' || token.type === 'heading_close') {
        token.tag = `h${levels[n]}`;
      }
    }
  });
}

function levelOf(token: Token): number {
  return Number(token.tag.slice(1));
}

// Pugo profile: tabs in code blocks become spaces to the next stop of four columns, as on Pugo.
import type MarkdownIt from 'markdown-it';

/**
 * blackfriday v1 expanded every tab of its input to four-column stops before parsing (columns in
 * characters, not bytes), so code kept its alignment at any browser's tab width; Pugo's
 * BlockCode then replaced any tab left with four spaces, and none was. A code line's columns
 * are its source columns for a top-level block (an indented block's four spaces keep the stops).
 */
export function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  let column = 0;
  for (const char of line) {
    if (char !== '\t') {
      out += char;
      column++;
      continue;
    }
    const spaces = 4 - (column % 4);
    out += ' '.repeat(spaces);
    column += spaces;
  }
  return out;
}

export function codeTabs(md: MarkdownIt): void {
  md.core.ruler.after('block', 'code_tabs', (state) => {
    for (const token of state.tokens) {
      if (token.type === 'fence' || token.type === 'code_block') {
        token.content = token.content.split('\n').map(expandTabs).join('\n');
      }
    }
  });
}

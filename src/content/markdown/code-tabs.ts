// Pugo profile: tabs in code blocks become spaces, as on Pugo: four each in a fence, to the next
// stop of four columns in an indented block.
import type MarkdownIt from 'markdown-it';

/**
 * blackfriday v1 expanded the tabs of its input to four-column stops before parsing (columns in
 * characters), except inside fenced code; Pugo's BlockCode then replaced each tab left, those of
 * fences, with four spaces. An indented block's columns are its source columns less four, so
 * the stops fall alike.
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
      if (token.type === 'fence') token.content = token.content.replaceAll('\t', '    ');
      if (token.type === 'code_block') {
        token.content = token.content.split('\n').map(expandTabs).join('\n');
      }
    }
  });
}

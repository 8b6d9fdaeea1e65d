// Pugo profile: tabs in code blocks become four spaces, as Pugo's BlockCode wrote them.
import type MarkdownIt from 'markdown-it';

/**
 * Pugo's renderer replaced every tab of a rendered code block with four spaces (peachdocs' fix
 * for browsers showing a tab eight columns wide), so Go code looked as it did in an editor.
 */
export function codeTabs(md: MarkdownIt): void {
  md.core.ruler.after('block', 'code_tabs', (state) => {
    for (const token of state.tokens) {
      if (token.type === 'fence' || token.type === 'code_block') {
        token.content = token.content.replaceAll('\t', '    ');
      }
    }
  });
}

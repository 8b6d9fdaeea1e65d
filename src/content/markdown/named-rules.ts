// The rules markdown-it has under a name, so a Pugo-profile rule can wrap one instead of copying it.
import type MarkdownIt from 'markdown-it';
import type { StateBlock, StateInline } from 'markdown-it';

export type BlockRule = (state: StateBlock, start: number, end: number, silent: boolean) => boolean;

/** markdown-it's Ruler keeps its rules in __rules__ and offers no getter by name. */
export function blockRule(md: MarkdownIt, name: string): BlockRule {
  const rules = (md.block.ruler as unknown as { __rules__: { name: string; fn: BlockRule }[] })
    .__rules__;
  const rule = rules.find((r) => r.name === name);
  if (!rule) throw new TypeError(`markdown-it has no block rule named ${name}`);
  return rule.fn;
}

export type InlineRule = (state: StateInline, silent: boolean) => boolean;

/** The same, for an inline rule (the tokenizing half of emphasis and strikethrough). */
export function inlineRule(md: MarkdownIt, name: string): InlineRule {
  const rules = (md.inline.ruler as unknown as { __rules__: { name: string; fn: InlineRule }[] })
    .__rules__;
  const rule = rules.find((r) => r.name === name);
  if (!rule) throw new TypeError(`markdown-it has no inline rule named ${name}`);
  return rule.fn;
}

/** The text of line `line`, after its indentation. */
export function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
}

/** A block rule asked, from inside a paragraph, whether it would end that paragraph here. */
export function interruptsParagraph(state: StateBlock, silent: boolean): boolean {
  return silent && state.parentType === 'paragraph';
}

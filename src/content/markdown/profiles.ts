// The markdown-it set-ups pugo knows, as one ordered table of named steps (as markdown-it's
// parser_core lists its rules): "pugo" renders what Pugo 0.10's blackfriday rendered,
// "commonmark" leaves CommonMark alone. Both carry pugo's own additions.
import type MarkdownIt from 'markdown-it';
import type { MarkdownProfile } from '../../types.js';
import { slugText } from '../slug.js';
import { bareUrls } from './bare-urls.js';
import { blockquotes } from './blockquotes.js';
import { codeSpans } from './code-spans.js';
import { codeTabs } from './code-tabs.js';
import { emphasisFlanking } from './emphasis-flanking.js';
import { explicitHeadingIds } from './explicit-heading-ids.js';
import { headingIds } from './heading-ids.js';
import { headingLevels } from './heading-levels.js';
import { htmlBlocks } from './html-blocks.js';
import { listItems } from './list-items.js';
import { lists } from './lists.js';
import { smartText } from './smart-text.js';
import { tables } from './tables.js';

export interface Step {
  name: string;
  /** true: a blackfriday compatibility rule, applied in the "pugo" profile only. */
  compat: boolean;
  apply: (md: MarkdownIt) => void;
}

/** A heading made only of punctuation still needs an id to link to. */
function headingSlug(text: string): string {
  return slugText(text) || 'section';
}

/**
 * In order: each step adds or wraps markdown-it rules by name, and a later step may rely on an
 * earlier one (heading ids run after explicit `{#id}`s are read, and keep them).
 */
export const STEPS: readonly Step[] = [
  { name: 'html-blocks', compat: true, apply: htmlBlocks },
  { name: 'lists', compat: true, apply: lists },
  { name: 'list-items', compat: true, apply: listItems },
  { name: 'blockquotes', compat: true, apply: blockquotes },
  { name: 'tables', compat: true, apply: tables },
  { name: 'code-tabs', compat: true, apply: codeTabs },
  { name: 'code-spans', compat: true, apply: codeSpans },
  { name: 'emphasis-flanking', compat: true, apply: emphasisFlanking },
  { name: 'bare-urls', compat: true, apply: bareUrls },
  { name: 'smartypants', compat: true, apply: smartText },
  { name: 'explicit-heading-ids', compat: true, apply: explicitHeadingIds },
  { name: 'heading-levels', compat: false, apply: headingLevels },
  { name: 'heading-ids', compat: false, apply: (md) => headingIds(md, { slugify: headingSlug }) },
];

/** The steps of one profile, in table order. */
export function stepsOf(profile: MarkdownProfile): Step[] {
  return STEPS.filter((step) => profile === 'pugo' || !step.compat);
}

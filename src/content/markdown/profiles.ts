// The markdown-it set-ups pugo knows, as one ordered table of named steps (as markdown-it's
// parser_core lists its rules): "pugo" renders what Pugo 0.10's blackfriday rendered,
// "goldmark" what Pugo 2022's goldmark did (CommonMark and GFM, hard line breaks, external
// links in a new tab), "commonmark" leaves CommonMark alone. All carry pugo's own additions.
import type MarkdownIt from 'markdown-it';
import type { MarkdownProfile } from '../../types.js';
import { slugText } from '../slug.js';
import { bareUrls } from './bare-urls.js';
import { blockquotes } from './blockquotes.js';
import { codeSpans } from './code-spans.js';
import { codeTabs } from './code-tabs.js';
import { emphasisFlanking } from './emphasis-flanking.js';
import { explicitHeadingIds } from './explicit-heading-ids.js';
import { externalLinks } from './external-links.js';
import { headingIds } from './heading-ids.js';
import { headingLevels } from './heading-levels.js';
import { htmlBlocks } from './html-blocks.js';
import { listItems } from './list-items.js';
import { lists } from './lists.js';
import { smartText } from './smart-text.js';
import { tables } from './tables.js';

export interface Step {
  name: string;
  /** The one profile the step belongs to (a blackfriday or goldmark rule); absent: every one. */
  only?: MarkdownProfile;
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
  { name: 'html-blocks', only: 'pugo', apply: htmlBlocks },
  { name: 'lists', only: 'pugo', apply: lists },
  { name: 'list-items', only: 'pugo', apply: listItems },
  { name: 'blockquotes', only: 'pugo', apply: blockquotes },
  { name: 'tables', only: 'pugo', apply: tables },
  { name: 'code-tabs', only: 'pugo', apply: codeTabs },
  { name: 'code-spans', only: 'pugo', apply: codeSpans },
  { name: 'emphasis-flanking', only: 'pugo', apply: emphasisFlanking },
  { name: 'bare-urls', only: 'pugo', apply: bareUrls },
  { name: 'smartypants', only: 'pugo', apply: smartText },
  { name: 'explicit-heading-ids', only: 'pugo', apply: explicitHeadingIds },
  // goldmark's WithHardWraps: a line break in a paragraph is a <br>.
  { name: 'hard-wraps', only: 'goldmark', apply: (md) => void md.set({ breaks: true }) },
  { name: 'external-links', only: 'goldmark', apply: externalLinks },
  { name: 'heading-levels', apply: headingLevels },
  { name: 'heading-ids', apply: (md) => headingIds(md, { slugify: headingSlug }) },
];

/** The steps of one profile, in table order. */
export function stepsOf(profile: MarkdownProfile): Step[] {
  return STEPS.filter((step) => step.only === undefined || step.only === profile);
}

// Markdown → HTML for posts and pages: one configured markdown-it, one parse per post.
import { createRequire } from 'node:module';
import type { default as MarkdownItType, Token } from 'markdown-it';
import { entryWords, type SearchTerms } from '../../search/search-record.js';
import type { Heading, MarkdownProfile } from '../../types.js';
import { rewriteMediaLinks } from '../media-links.js';
import { highlightCode } from './highlight.js';
import { stepsOf } from './profiles.js';
import { findMoreBreak, sourceBeforeMarker } from './summary.js';
import { collectToc } from './toc.js';
import { countWords } from './word-count.js';

/**
 * markdown-it's CommonJS build, one file, rather than its ES modules, about sixty: each module
 * costs a resolve and a load, and every build that parses a post pays for them (loading fell
 * from ~50 ms to ~25 ms here).
 */
const MarkdownIt = createRequire(import.meta.url)('markdown-it') as typeof MarkdownItType;
type MarkdownIt = MarkdownItType;

export interface RenderedMarkdown {
  html: string;
  summaryHtml: string;
  hasMore: boolean;
  toc: Heading[];
  wordCount: number;
  /** The CJK characters among wordCount's words. */
  cjkCount: number;
  /** The words title and prose use most (keywords.ts). */
  keywords: string[];
  /** What search keeps of it (search-record.ts). */
  search: SearchTerms;
}

/**
 * The markdown-it every post goes through, set up as `profile` says (profiles.ts). html: posts
 * carry raw HTML (Pugo allowed it, and the author is trusted). typographer off: markdown-it's
 * would rewrite quotes inside CJK text; the pugo profile does blackfriday's SmartyPants instead.
 * Heading ids keep CJK letters, so '## 深入分析' links as '#深入分析'; repeats get '-1', '-2'.
 */
export function createMarkdown(profile: MarkdownProfile = 'pugo'): MarkdownIt {
  const md = new MarkdownIt({
    html: true,
    linkify: true,
    typographer: false,
    highlight: highlightCode,
  });
  for (const step of stepsOf(profile)) step.apply(md);
  return md;
}

interface Parts {
  html: string;
  summaryHtml: string;
  hasMore: boolean;
}

/**
 * Rendering is a concatenation over tokens, so a post split at a top-level block renders as
 * its two halves: the summary costs nothing extra (code in it is not highlighted twice).
 */
function renderParts(md: MarkdownIt, tokens: Token[], body: string, env: object): Parts {
  const cut = findMoreBreak(tokens);
  const render = (list: Token[]) => md.renderer.render(list, md.options, env);
  if (cut === null) {
    const html = render(tokens);
    return { html, summaryHtml: html, hasMore: false };
  }
  if (cut.kind === 'nested') {
    // Rare: cutting tokens inside a paragraph would leave tags open, so the source before the
    // marker is rendered on its own (headings get the same ids: same text, same order).
    const { before, hasMore } = sourceBeforeMarker(body, cut.line);
    return { html: render(tokens), summaryHtml: md.render(before), hasMore };
  }
  const before = render(tokens.slice(0, cut.index));
  const html = before + render(tokens.slice(cut.index));
  const hasMore = cut.tail.trim() !== '' || cut.index + 1 < tokens.length;
  if (cut.head.trim() === '') return { html, summaryHtml: before, hasMore };
  // HTML sharing the marker's block: keep the part before the marker in the summary.
  return {
    html,
    summaryHtml: before + render([withContent(tokens[cut.index], cut.head)]),
    hasMore,
  };
}

/** A copy of `token` (same class, so the renderer treats it alike) with other content. */
function withContent(token: Token, content: string): Token {
  const copy: Token = Object.assign(Object.create(Object.getPrototypeOf(token)), token);
  copy.content = content;
  return copy;
}

/**
 * Parses a body once and renders it once; the summary (before `<!--more-->`), the table of
 * contents, the word count and the search record come from the same tokens. `base` is the
 * site's path prefix ('' or '/blog') for `@media` links; `title` and `tags`, the post's, count
 * in its keywords and its search terms.
 */
export function renderMarkdown(
  md: MarkdownIt,
  body: string,
  base: string,
  title = '',
  tags: readonly string[] = [],
): RenderedMarkdown {
  const env = {};
  const tokens = md.parse(body, env);
  const parts = renderParts(md, tokens, body, env);
  const html = rewriteMediaLinks(parts.html, base);
  const words = countWords(tokens);
  const { search, keywords } = entryWords(title, tags, tokens);
  return {
    html,
    summaryHtml:
      parts.html === parts.summaryHtml ? html : rewriteMediaLinks(parts.summaryHtml, base),
    hasMore: parts.hasMore,
    toc: collectToc(tokens),
    wordCount: words.words,
    cjkCount: words.cjk,
    keywords,
    search,
  };
}

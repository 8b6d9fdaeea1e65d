// Syntax highlighting of fenced code at build time, with highlight.js.
import { createRequire } from 'node:module';
import type { HLJSApi, LanguageFn } from 'highlight.js';
import { LRUCache } from 'lru-cache';
import { decodeEntities } from '../../render/html-entities.js';
import { HLJS_ALIASES, HLJS_EMBEDS } from './hljs-languages.js';

/**
 * highlight.js's core loads on the first fence that names a language, and each grammar on the
 * first fence in it (with the grammars it embeds: HTML's CSS and JavaScript): a rebuild after
 * one edit loaded the "common" set of 37 grammars for the one or two its post used, 30-45 ms of
 * a 0.4 s build. Every name and alias of all 190 languages is known from the start (the table
 * is generated from highlight.js: hljs-languages.ts). The hook is synchronous, so require.
 */
const require = createRequire(import.meta.url);
let core: HLJSApi | null = null;
const registered = new Set<string>();

/** Language module by each name and alias; a later module's alias wins, as in highlight.js. */
const MODULE_OF = new Map<string, string>();
for (const [module, aliases] of Object.entries(HLJS_ALIASES)) {
  for (const name of [module, ...aliases]) MODULE_OF.set(name, module);
}

function hljs(): HLJSApi {
  core ??= require('highlight.js/lib/core') as HLJSApi;
  return core;
}

function register(module: string): void {
  if (registered.has(module)) return;
  registered.add(module);
  hljs().registerLanguage(module, require(`highlight.js/lib/languages/${module}`) as LanguageFn);
  for (const embedded of HLJS_EMBEDS[module] ?? []) register(embedded);
}

/** Whether highlight.js has a grammar for `lang`, registered now if it was not. */
function knows(lang: string): boolean {
  const module = MODULE_OF.get(lang.toLowerCase());
  if (module === undefined) return false;
  register(module);
  return true;
}

function escapeAttr(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * markdown-it's `highlight` hook. A fence in a language highlight.js knows comes back as a whole
 * `<pre><code class="hljs language-x">` block; for any other ('' included) it returns '' so
 * markdown-it escapes the code itself. ignoreIllegals: a snippet that does not parse (a fragment,
 * a typo) is still shown, just less coloured.
 */
export function highlightCode(code: string, lang: string): string {
  if (!lang || !MODULE_OF.has(lang.toLowerCase())) return '';
  const key = `${lang}\u0000${code}`;
  let value = highlighted.get(key);
  if (value === undefined) {
    knows(lang);
    value = hljs().highlight(code, { language: lang, ignoreIllegals: true }).value;
    highlighted.set(key, value);
  }
  return `<pre><code class="hljs language-${escapeAttr(lang)}">${value}</code></pre>`;
}

/**
 * Highlighted code by language and code, for the thread's life: a blog repeats its snippets (an
 * install command, a config block) from post to post, and highlighting was a quarter of parsing.
 * Bounded by the characters held, key and value (about 8 MB of UTF-16 at most).
 */
const highlighted = new LRUCache<string, string>({
  maxSize: 4 * 1024 * 1024,
  sizeCalculation: (value, key) => value.length + key.length,
});

/** A block highlightCode made, in a rendered body: its language and highlight.js's markup. */
const HIGHLIGHTED = /<pre><code class="hljs language-([^"]*)">([\s\S]*?)<\/code><\/pre>/g;

/**
 * Takes the highlighted blocks of a body as rendered before (a post's last version) into the
 * cache, so that an edit which left its code alone highlights nothing: in a one-edit rebuild,
 * highlight.js's first use (its grammars compiled, cold) was 28 ms of the post's 56. The code
 * is the markup without its spans, unescaped; a block whose markup was changed after the render
 * reads back as other code, and is only a miss.
 */
export function seedHighlights(html: string): void {
  for (const [, lang, value] of html.matchAll(HIGHLIGHTED)) {
    const code = decodeEntities(value.replace(/<\/?span[^>]*>/g, ''));
    const key = `${decodeEntities(lang)}\u0000${code}`;
    if (!highlighted.has(key)) highlighted.set(key, value);
  }
}

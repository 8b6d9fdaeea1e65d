// Syntax highlighting of fenced code at build time, with highlight.js.
import { createRequire } from 'node:module';
import hljs from 'highlight.js/lib/common';
import { LRUCache } from 'lru-cache';

/**
 * highlight.js's "common" set (about 35 languages) loads in ~50 ms against ~160 ms for all 190,
 * and start-up counts in every build. Any other language is loaded the first time a fence names
 * it, from the CommonJS module highlight.js ships for each (the hook is synchronous, so require).
 */
const require = createRequire(import.meta.url);
const tried = new Set<string>();

function knows(lang: string): boolean {
  if (hljs.getLanguage(lang)) return true;
  const name = lang.toLowerCase();
  if (tried.has(name) || !/^[a-z0-9-]+$/.test(name)) return false;
  tried.add(name);
  try {
    hljs.registerLanguage(name, require(`highlight.js/lib/languages/${name}`));
  } catch {
    return false;
  }
  return Boolean(hljs.getLanguage(lang));
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
  if (!lang || !knows(lang)) return '';
  const key = `${lang}\u0000${code}`;
  let value = highlighted.get(key);
  if (value === undefined) {
    value = hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
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

// The language table highlight.ts loads grammars by: generated from highlight.js, and still what
// the installed highlight.js says; and fences coloured by it as by highlight.js's own sets.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import type { HLJSApi } from 'highlight.js';
import { highlightCode, seedHighlights } from '../../src/content/markdown/highlight.js';
import { HLJS_ALIASES, HLJS_EMBEDS } from '../../src/content/markdown/hljs-languages.js';
import { readHljsLanguages } from '../tools/lib/hljs-languages.js';

const require = createRequire(import.meta.url);

test('the table matches the installed highlight.js (else: npm run hljs-table)', () => {
  const installed = readHljsLanguages();
  assert.deepEqual(HLJS_ALIASES, installed.aliases);
  assert.deepEqual(HLJS_EMBEDS, installed.embeds);
});

test('every language of the common set colours a fence as the common set does', () => {
  const common = require('highlight.js/lib/common') as HLJSApi;
  const code = 'function f(x) { return "<b>" + x; } // 1\n';
  for (const name of common.listLanguages()) {
    const want = common.highlight(code, { language: name, ignoreIllegals: true }).value;
    const got = highlightCode(code, name);
    assert.equal(got, `<pre><code class="hljs language-${name}">${want}</code></pre>`, name);
  }
});

test('an alias outside the common set loads its grammar: hs is Haskell, ps1 PowerShell', () => {
  assert.match(highlightCode('main = putStrLn "hi"\n', 'hs'), /hljs-string/);
  assert.match(highlightCode('Get-Item -Path C:\\\n', 'PS1'), /class="hljs language-PS1"><span/);
  assert.equal(highlightCode('x\n', 'no-such-language'), '');
  assert.equal(highlightCode('x\n', 'constructor'), '');
});

test('a grammar loads the ones it embeds: the script in an HTML fence is coloured', () => {
  const html = highlightCode('<script>const a = 1;</script>\n', 'html');
  assert.match(html, /<span class="hljs-keyword">const<\/span>/);
});

test('a body rendered before lends its highlighted code to the next render of the same code', () => {
  const code = 'const answer = "42" && a < b;\n';
  const fresh = highlightCode(code, 'javascript');
  const value = /<code[^>]*>([\s\S]*)<\/code>/.exec(fresh)?.[1] ?? '';
  assert.match(value, /hljs-keyword/);
  // Markup highlight.js would not make, for the same text: found in the cache, so used as is.
  const seeded =
    '<span class="hljs-title">const</span> answer = &quot;42&quot; &amp;&amp; a &lt; b;\n';
  const other = 'let seeded = 1;\n';
  seedHighlights(
    `<p>x</p><pre><code class="hljs language-js">${seeded}</code></pre><pre><code class="hljs language-js">${seeded}</code></pre>`,
  );
  assert.ok(highlightCode(code, 'js').includes(seeded), 'the seeded markup, for its code');
  assert.ok(highlightCode(code, 'javascript').includes(value), 'another name is another key');
  assert.match(highlightCode(other, 'js'), /hljs-keyword/, 'other code is highlighted');
});

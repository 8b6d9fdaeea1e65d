// The built search page's script: it answers the query in the page's address from the static
// index (site-search.ts), with the very functions the server answers with (words.ts), their
// source embedded here, so a query finds the same posts in the same order either way.

import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS } from './query.js';
import { excerptHtml, makeTokenizer, rankDocuments, shardOf } from './words.js';

/**
 * The page without this script still has its form, which a server answers; a static host has
 * no server, so here the script reads `?q=`, fetches docs.json and the term files its words
 * are in, lists the results, and takes each one's passage from its page (the element the
 * template names in data-text) as it comes into view. On a page the server answered
 * (data-answered) it does nothing.
 */
const PAGE = `
  const root = document.getElementById('search-results');
  if (!root || root.dataset.answered === 'true') return;
  const q = (new URLSearchParams(location.search).get('q') || '').trim();
  if (!q) return;
  const input = document.getElementById('search-q');
  if (input) input.value = q;
  const status = root.querySelector('.search-status');
  const say = (template, n) => template.replace('{n}', String(n)).replace('{q}', q);
  const words = makeTokenizer().query(q.slice(0, ${MAX_QUERY_LENGTH})).slice(0, ${MAX_QUERY_WORDS});
  document.title = q + ' · ' + document.title;
  status.textContent = root.dataset.loading;
  const files = root.dataset.files;
  const get = (path) =>
    fetch(files + path).then((r) => {
      if (!r.ok) throw new Error(path + ': ' + r.status);
      return r;
    });
  (async () => {
    const meta = await (await get('docs.json')).json();
    const numbers = [...new Set(words.map((w) => shardOf(w.term, meta.shards)))];
    const shards = new Map();
    await Promise.all(
      numbers.map(async (n) => shards.set(n, await (await get('terms/' + n + '.json')).json())),
    );
    const shard = (term) => shards.get(shardOf(term, meta.shards)) || {};
    const lists = new Map();
    // The files hold each document number as the step from the one before.
    const postings = (term) => {
      if (lists.has(term)) return lists.get(term);
      const steps = Object.hasOwn(shard(term), term) ? shard(term)[term] : undefined;
      const list = steps && steps.slice();
      if (list) for (let i = 2; i < list.length; i += 2) list[i] += list[i - 2];
      lists.set(term, list);
      return list;
    };
    const index = {
      postings,
      termsStarting: (prefix) => Object.keys(shard(prefix)).filter((t) => t.startsWith(prefix)),
      lengths: meta.docs.map((d) => d[4]),
      averageLength: meta.averageLength,
    };
    const ranked = words.length ? rankDocuments(words, index) : [];
    const shown = ranked.slice(0, Number(root.dataset.shown) || 20);
    status.textContent = say(ranked.length ? root.dataset.found : root.dataset.none, ranked.length);
    const el = (tag, className) => {
      const node = document.createElement(tag);
      if (className) node.className = className;
      return node;
    };
    // A result's passage, from its page's body as the theme marks it (data-text): fetched when
    // the result comes into view, so a query costs the pages a reader sees (and may open next).
    const passage = (url, into) =>
      fetch(url)
        .then((r) => (r.ok ? r.text() : ''))
        .then((html) => {
          const page = new DOMParser().parseFromString(html, 'text/html');
          const body = page.querySelector(root.dataset.text || 'main') || page.body;
          const text = (body ? body.textContent || '' : '').replace(/\\s+/g, ' ').trim();
          // Escaped by excerptHtml: only its <mark>s are markup.
          into.innerHTML = excerptHtml(text, words);
        })
        .catch(() => {});
    const seen =
      'IntersectionObserver' in window
        ? new IntersectionObserver((entries) => {
            for (const entry of entries) {
              if (!entry.isIntersecting) continue;
              seen.unobserve(entry.target);
              passage(entry.target.dataset.url, entry.target);
            }
          })
        : null;
    const list = el('ol', 'search-list');
    for (const [doc] of shown) {
      const [url, title, iso, dateText] = meta.docs[doc];
      const item = el('li', 'search-item');
      const heading = el('h2', 'search-title');
      const link = el('a');
      link.href = url;
      link.textContent = title;
      heading.append(link);
      item.append(heading);
      if (iso) {
        const line = el('p', 'search-meta');
        const time = el('time');
        time.dateTime = iso;
        time.textContent = dateText;
        line.append(time);
        item.append(line);
      }
      const text = el('p', 'search-excerpt');
      text.dataset.url = url;
      item.append(text);
      list.append(item);
      if (seen) seen.observe(text);
      else passage(url, text);
    }
    if (shown.length) root.append(list);
  })().catch((err) => {
    status.textContent = root.dataset.failed;
    console.error(err);
  });
`;

export const SEARCH_SCRIPT = `// pugo search: the built site's search page (see pugo's src/search/).
(() => {
'use strict';
${makeTokenizer}
${rankDocuments}
${excerptHtml}
${shardOf}
${PAGE}
})();
`;

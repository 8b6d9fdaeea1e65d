// The search page and the files of the static index its script reads: the server answers a
// query itself (a GET form, no JavaScript needed); the build writes the page and the files.

import { FIXED_PATHS } from '../render/urls.js';
import { htmlText } from '../search/html-text.js';
import { SHARDS, searchedEntries } from '../search/index-files.js';
import { queryWords } from '../search/query.js';
import { SEARCH_SCRIPT } from '../search/search-script.js';
import { excerptHtml } from '../search/words.js';
import type { RenderedPage } from '../types.js';
import { SEARCH, shardDep } from './changes.js';
import { type Params, type RouteHandler, ViewHandler } from './handlers.js';
import type { Site } from './site.js';

/** Results a page shows, on the server and in the built page alike. */
export const RESULTS_SHOWN = 20;

/** One result as the theme shows it. */
export interface SearchResultView {
  title: string;
  url: string;
  date: { iso: string; text: string } | null;
  /** A passage of the text with the query's words in <mark>, escaped: HTML to print as is. */
  excerpt: string;
}

export interface SearchView {
  /** The query as asked; '' on the page itself. */
  query: string;
  /** Whether the server answered the query (else the page's script does, from the files). */
  answered: boolean;
  total: number;
  results: SearchResultView[];
  /** Where the static index's files are ('/search/'), and the script reading them. */
  files: string;
  script: string;
  shown: number;
}

export class SearchHandler extends ViewHandler<object> {
  async render(_path: string, params: Params): Promise<RenderedPage | null> {
    const snap = this.site.snapshot();
    const { views, store } = this.site;
    const t = views.site('').t;
    const search: SearchView = {
      query: params.q ?? '',
      answered: params.q !== undefined,
      total: 0,
      results: [],
      files: views.url(FIXED_PATHS.searchFiles),
      script: views.url(`${FIXED_PATHS.searchFiles}search.js`),
      shown: RESULTS_SHOWN,
    };
    // The route read and bounded the query (readSearchQuery).
    const words = queryWords(search.query);
    if (words.length) {
      const hits = (await this.site.search.index(snap)).search(words);
      search.total = hits.length;
      for (const { doc } of hits.slice(0, RESULTS_SHOWN)) {
        const { entry } = doc;
        // The passage comes from the body as the page shows it, as the built page's script reads it.
        const stored = await store.entryByPath(entry.path);
        const text = stored ? htmlText(stored.html) : entry.desc;
        search.results.push({
          title: entry.title,
          url: views.url(entry.path),
          date: entry.kind === 'post' ? views.date(entry.date) : null,
          excerpt: excerptHtml(text, words),
        });
      }
    }
    const title = search.query ? `${t('search.title')}: ${search.query}` : t('search.title');
    // The page of every query names the search page as its own.
    this.view = { ...views.base(FIXED_PATHS.search, title, '', 'search', snap), search };
    return this.site.html('search', this.view, []);
  }
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The static index: docs.json (each entry's link, title, date and length, by number) and the
 * terms in SHARDS files by first character, and the script. A query of two words reads
 * docs.json and at most two term files; the passages come from the pages of the results shown,
 * which a reader opens next anyway (a text file per post cost 1,000 more files a build).
 */
export class SearchFilesHandler implements RouteHandler {
  constructor(private readonly site: Site) {}

  async render(_path: string, params: Params): Promise<RenderedPage | null> {
    const file = params.file;
    if (file === 'search.js') {
      const body = Buffer.from(SEARCH_SCRIPT);
      return { status: 200, type: 'text/javascript; charset=utf-8', body, deps: [] };
    }
    const { views } = this.site;
    const snap = this.site.snapshot();
    if (file === 'docs.json') {
      const index = await this.site.search.files(snap);
      const docs = searchedEntries(snap).map((entry, i) => {
        const date = entry.kind === 'post' ? views.date(entry.date) : null;
        const url = views.url(entry.path);
        return [url, entry.title, date?.iso ?? '', date?.text ?? '', index.lengths[i]];
      });
      const { averageLength } = index;
      const body = JSON.stringify({ version: 1, shards: SHARDS, averageLength, docs });
      return { status: 200, type: JSON_TYPE, body: Buffer.from(body), deps: [SEARCH] };
    }
    const match = /^terms\/(\d{1,2})\.json$/.exec(file);
    const shard = Number(match?.[1]);
    if (!match || shard >= SHARDS) return null;
    const index = await this.site.search.files(snap);
    const body = Buffer.from(await index.shardJson(shard));
    return { status: 200, type: JSON_TYPE, body, deps: [shardDep(shard)] };
  }

  reset(): void {}
}

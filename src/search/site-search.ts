// The search index of the site as it is now: made in memory from the terms the store keeps of
// each entry (its `search` keyspace, written by the sync beside the entry), for the server's
// /search answers and for the static index the build writes. After a sync only the entries
// whose source changed are read again.
//
// Why not Pagefind or MiniSearch, measured on 1,000 generated posts: Pagefind 1.6 (its Node API
// fed from records) indexed in 1.77 s and wrote 5.8 MB, and MiniSearch with Intl.Segmenter took
// 4.5 s for 2.0 MB of JSON (386 KB gzipped); both index every post again on every build, where
// a one-post edit builds in half a second. Here the words are split once, at parse time on the
// workers, kept in the store, and only inverted per build or snapshot (30-70 ms at 1,000
// posts); the index is 1.5 MB (250 KB gzipped) and the server and the page rank with the same
// functions (words.ts).

import type { Store } from '../store/store.js';
import type { PageSummary, PostSummary, Snapshot } from '../types.js';
import { type IndexFiles, SHARDS, searchedEntries, shardOfTerm, shardText } from './index-files.js';
import { KeptIndex } from './kept-index.js';
import type { SearchTerms } from './search-record.js';
import { type QueryWord, type RankInput, rankDocuments } from './words.js';

/** One post or page the index finds, by its number (newest post first, then the pages). */
export interface SearchDoc {
  entry: PostSummary | PageSummary;
}

export interface SearchHit {
  doc: SearchDoc;
  score: number;
}

export class SearchIndex implements RankInput, IndexFiles {
  readonly docs: SearchDoc[];
  readonly lengths: Uint32Array;
  readonly averageLength: number;
  private readonly lists = new Map<string, number[]>();
  private sorted: string[] | null = null;
  /** The postings of each shard's terms, cut from `lists` when a file is first asked for. */
  private shards: Map<string, number[]>[] | null = null;

  constructor(
    entries: (PostSummary | PageSummary)[],
    termsOf: (id: string) => SearchTerms | undefined,
  ) {
    this.docs = entries.map((entry) => ({ entry }));
    this.lengths = new Uint32Array(entries.length);
    let total = 0;
    for (const [doc, { entry }] of this.docs.entries()) {
      const record = termsOf(entry.id);
      if (!record) continue;
      this.lengths[doc] = record.len;
      total += record.len;
      const { terms } = record;
      for (let i = 0; i < terms.length; i += 2) {
        const term = terms[i] as string;
        const weight = terms[i + 1] as number;
        const list = this.lists.get(term);
        if (list) list.push(doc, weight);
        else this.lists.set(term, [doc, weight]);
      }
    }
    this.averageLength = entries.length ? total / entries.length : 0;
  }

  postings(term: string): number[] | undefined {
    return this.lists.get(term);
  }

  /** By binary search in the terms sorted once, on the first query that needs it. */
  termsStarting(prefix: string): string[] {
    this.sorted ??= [...this.lists.keys()].sort();
    const sorted = this.sorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++) found.push(sorted[i]);
    return found;
  }

  /** Every match of `words`, best first. */
  search(words: QueryWord[]): SearchHit[] {
    return rankDocuments(words, this).map(([doc, score]) => ({ doc: this.docs[doc], score }));
  }

  /**
   * One file of the static index (index-files.ts shardText). The terms are cut by shard once,
   * on the first file asked for: the build asks for all SHARDS of them.
   */
  shardJson(shard: number): string {
    if (!this.shards) {
      this.shards = Array.from({ length: SHARDS }, () => new Map());
      for (const [term, list] of this.lists) this.shards[shardOfTerm(term)].set(term, list);
    }
    return shardText(this.shards[shard]);
  }
}

/** Keeps the index of the current snapshot, and the terms it was made of for the next one. */
export class SiteSearch {
  /** The terms of each entry, with the source hash they were read for. */
  private readonly terms = new Map<string, { hash: string; terms: SearchTerms }>();
  private current: { snap: Snapshot; index: Promise<SearchIndex> } | null = null;
  /** The files a build kept for its snapshot (keep()), which the build's handlers then read. */
  private kept: { snap: Snapshot; files: Promise<KeptIndex> } | null = null;

  constructor(private readonly store: Store) {}

  /** The static index's files for `snap`: the ones a build kept for it, else the index's own. */
  files(snap: Snapshot): Promise<IndexFiles> {
    if (this.kept?.snap === snap) return this.kept.files;
    return this.index(snap);
  }

  /**
   * For a build: the static index as the last build left it in the store, brought up to `snap`
   * by the entries that changed since (kept-index.ts). files(snap) then gives these.
   */
  keep(snap: Snapshot): Promise<KeptIndex> {
    if (this.kept?.snap === snap) return this.kept.files;
    const files = KeptIndex.update(this.store, snap);
    this.kept = { snap, files };
    files.catch(() => {
      if (this.kept?.files === files) this.kept = null;
    });
    return files;
  }

  /** The index of `snap`: made once per snapshot, however many ask at once. */
  index(snap: Snapshot): Promise<SearchIndex> {
    if (this.current?.snap === snap) return this.current.index;
    const index = this.make(snap);
    this.current = { snap, index };
    // A failed read is tried again by the next request, not kept.
    index.catch(() => {
      if (this.current?.index === index) this.current = null;
    });
    return index;
  }

  private async make(snap: Snapshot): Promise<SearchIndex> {
    const entries = searchedEntries(snap);
    const stale = entries.filter((e) => this.terms.get(e.id)?.hash !== e.sourceHash);
    if (stale.length) {
      // A few changed entries (a save): read those; many (the first search): read them all.
      const read = await this.store.searchTerms(
        stale.length > 64 ? undefined : stale.map((e) => e.id),
      );
      for (const entry of stale) {
        const terms = read.get(entry.id);
        if (terms) this.terms.set(entry.id, { hash: entry.sourceHash, terms });
      }
      const shown = new Set(entries.map((e) => e.id));
      for (const id of this.terms.keys()) if (!shown.has(id)) this.terms.delete(id);
    }
    return new SearchIndex(entries, (id) => this.terms.get(id)?.terms);
  }
}

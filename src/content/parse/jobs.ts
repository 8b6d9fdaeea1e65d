// What crosses between the main thread and a parse worker, and parsing one file on either side:
// plain, cloneable contracts that the lane, the pool and the worker all import.

import { PUGO_010_LINKS } from '../../config/defaults.js';
import { PugoError, type PugoErrorCode } from '../../errors.js';
import type {
  ContentProblem,
  EncodedEntry,
  Entry,
  MarkdownProfile,
  SourceFile,
} from '../../types.js';
import { seedHighlights } from '../markdown/highlight.js';
import { createMarkdown } from '../markdown/render.js';
import { type ParseContext, parseEntry } from '../parse-entry.js';

/** What a worker needs to build its own ParseContext: plain, cloneable data. */
export interface ParseSettings {
  timezone: string;
  /** null: any author name is kept (see ParseContext). */
  authors: string[] | null;
  base: string;
  links: { post: string; page: string };
  /** Where the scan finds posts and pages, under the site folder. */
  postDir: string;
  pageDir: string;
  pugo2022: boolean;
  maxFileBytes: number;
  /** [build] markdown: which markdown-it set-up renders the bodies. */
  markdown: MarkdownProfile;
  /** Longest one file may take on a worker, in ms; DEFAULTS.parseTimeLimitMs when absent. */
  timeLimitMs?: number;
}

/** How a Pugo 0.10 site's files become URLs: what a meta.toml site parses with by default. */
export const PUGO_010_PARSING = {
  links: { post: PUGO_010_LINKS.post, page: PUGO_010_LINKS.page },
  postDir: 'post',
  pageDir: 'page',
  pugo2022: false,
} as const;

export interface ParseJob {
  file: SourceFile;
  /** Emptied by parseMany once the file is parsed on a worker. */
  bytes: Buffer;
  /** The body as the file's last version rendered it: its code needs no highlighting again. */
  before?: string;
}

/** A parsed file, or why it could not be read; either way the warnings its fields gave. */
export type ParseOutcome = ({ entry: Entry; encoded?: EncodedEntry } | { error: PugoError }) & {
  warnings: ContentProblem[];
};

/** A failure as it crosses a thread boundary. */
export interface ErrorData {
  code: PugoErrorCode;
  message: string;
  file?: string;
  line?: number;
}

/** A worker's answer; one made on the main thread (a file past the time limit) has no warnings. */
export type WorkerResult = ({ entry: Entry; encoded: EncodedEntry } | { error: ErrorData }) & {
  warnings?: ContentProblem[];
};

/** What a worker posts: that it has loaded the parser, then one result per job, in order. */
export type WorkerMessage = { ready: true } | WorkerResult;

export function contextOf(settings: ParseSettings): ParseContext {
  return {
    ...settings,
    authors: settings.authors && authorIndex(settings.authors),
    md: createMarkdown(settings.markdown),
  };
}

/** [[author]] names by their lower case; the first wins when two differ only in case. */
export function authorIndex(names: readonly string[]): Map<string, string> {
  const authors = new Map<string, string>();
  for (const name of names) {
    if (!authors.has(name.toLowerCase())) authors.set(name.toLowerCase(), name);
  }
  return authors;
}

/** Parses one file; a PugoError becomes an outcome, anything else is a bug and throws. */
export function parseOne(job: ParseJob, ctx: ParseContext): ParseOutcome {
  const warnings: ContentProblem[] = [];
  if (job.before) seedHighlights(job.before);
  try {
    return { entry: parseEntry(job.file, job.bytes, ctx, warnings), warnings };
  } catch (err) {
    if (err instanceof PugoError) return { error: err, warnings };
    throw err;
  }
}

/**
 * What a worker sends for a parsed file: the entry without its bodies (all the main thread
 * reads of it: path, date, tags) and the stored JSON. Serialising on the worker moved about
 * 1 s of a 1,000-post sync off the main thread, which was competing with the workers for the
 * same two cores.
 */
export function encodeForStore(parsed: Entry): { entry: Entry; encoded: EncodedEntry } {
  const { search: record, ...entry } = parsed;
  const json = JSON.stringify(entry);
  let summary: string | null = null;
  let summaryHtml: string | null = null;
  if (entry.kind === 'post') {
    const { html: _h, toc: _t, summaryHtml: shown, ...rest } = entry;
    summary = JSON.stringify(rest);
    summaryHtml = JSON.stringify(shown);
  }
  const search = record ? JSON.stringify(record) : null;
  const light: Entry =
    entry.kind === 'post'
      ? { ...entry, html: '', toc: [], summaryHtml: '' }
      : { ...entry, html: '', toc: [] };
  return { entry: light, encoded: { entry: json, summary, summaryHtml, search } };
}

export function toErrorData(err: PugoError): ErrorData {
  return { code: err.code, message: err.message, file: err.file, line: err.line };
}

export function fromErrorData(data: ErrorData): PugoError {
  return new PugoError(data.code, data.message, { file: data.file, line: data.line });
}

// What crosses between the main thread and a parse worker, and parsing one file on either side:
// plain, cloneable contracts that the lane, the pool and the worker all import.

import { PugoError, type PugoErrorCode } from '../../errors.js';
import type { EncodedEntry, Entry, MarkdownProfile, SourceFile } from '../../types.js';
import { createMarkdown } from '../markdown/render.js';
import { type ParseContext, parseEntry } from '../parse-entry.js';

/** What a worker needs to build its own ParseContext: plain, cloneable data. */
export interface ParseSettings {
  timezone: string;
  authors: string[];
  base: string;
  maxFileBytes: number;
  /** [build] markdown: which markdown-it set-up renders the bodies. */
  markdown: MarkdownProfile;
  /** Longest one file may take on a worker, in ms; DEFAULTS.parseTimeLimitMs when absent. */
  timeLimitMs?: number;
}

export interface ParseJob {
  file: SourceFile;
  /** Emptied by parseMany once the file is parsed on a worker. */
  bytes: Buffer;
}

export type ParseOutcome = { entry: Entry; encoded?: EncodedEntry } | { error: PugoError };

/** A failure as it crosses a thread boundary. */
export interface ErrorData {
  code: PugoErrorCode;
  message: string;
  file?: string;
  line?: number;
}

export type WorkerResult = { entry: Entry; encoded: EncodedEntry } | { error: ErrorData };

/** What a worker posts: that it has loaded the parser, then one result per job, in order. */
export type WorkerMessage = { ready: true } | WorkerResult;

export function contextOf(settings: ParseSettings): ParseContext {
  return { ...settings, authors: new Set(settings.authors), md: createMarkdown(settings.markdown) };
}

/** Parses one file; a PugoError becomes an outcome, anything else is a bug and throws. */
export function parseOne(job: ParseJob, ctx: ParseContext): ParseOutcome {
  try {
    return { entry: parseEntry(job.file, job.bytes, ctx) };
  } catch (err) {
    if (err instanceof PugoError) return { error: err };
    throw err;
  }
}

/**
 * What a worker sends for a parsed file: the entry without its bodies (all the main thread
 * reads of it: path, date, tags) and the stored JSON. Serialising on the worker moved about
 * 1 s of a 1,000-post sync off the main thread, which was competing with the workers for the
 * same two cores.
 */
export function encodeForStore(entry: Entry): { entry: Entry; encoded: EncodedEntry } {
  const json = JSON.stringify(entry);
  let summary: string | null = null;
  if (entry.kind === 'post') {
    const { html: _h, toc: _t, ...rest } = entry;
    summary = JSON.stringify(rest);
  }
  const light: Entry =
    entry.kind === 'post'
      ? { ...entry, html: '', toc: [], summaryHtml: '' }
      : { ...entry, html: '', toc: [] };
  return { entry: light, encoded: { entry: json, summary } };
}

export function toErrorData(err: PugoError): ErrorData {
  return { code: err.code, message: err.message, file: err.file, line: err.line };
}

export function fromErrorData(data: ErrorData): PugoError {
  return new PugoError(data.code, data.message, { file: data.file, line: data.line });
}

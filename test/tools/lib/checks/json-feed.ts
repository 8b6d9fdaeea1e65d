// (d) feed.json as JSON Feed 1 or 1.1 (https://www.jsonfeed.org/version/1.1/).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CheckResult, failed, passed } from '../check-result.js';
import type { SiteContext } from '../site-context.js';

const VERSIONS = ['https://jsonfeed.org/version/1', 'https://jsonfeed.org/version/1.1'];
const URL_FIELDS = ['home_page_url', 'feed_url'];
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

type Json = Record<string, unknown>;

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

function isAbsoluteUrl(value: unknown): boolean {
  return typeof value === 'string' && URL.canParse(value) && /^https?:/.test(value);
}

function feedProblems(feed: Json): string[] {
  const problems: string[] = [];
  if (!VERSIONS.includes(feed.version as string))
    problems.push(`version is ${JSON.stringify(feed.version)}`);
  if (!isText(feed.title)) problems.push('title is missing or empty');
  for (const field of URL_FIELDS) {
    if (field in feed && !isAbsoluteUrl(feed[field])) problems.push(`${field} is not a URL`);
  }
  if (!Array.isArray(feed.items)) problems.push('items is not an array');
  return problems;
}

function itemProblems(item: Json, index: number): string[] {
  const name = `items[${index}]${isText(item.id) ? ` (${item.id})` : ''}`;
  const problems: string[] = [];
  if (!isText(item.id)) problems.push(`${name}: id is missing or not a string`);
  if (!isText(item.content_html) && !isText(item.content_text)) {
    problems.push(`${name}: has neither content_html nor content_text`);
  }
  if ('url' in item && !isAbsoluteUrl(item.url)) problems.push(`${name}: url is not a URL`);
  for (const field of ['date_published', 'date_modified']) {
    if (field in item && !RFC3339.test(String(item[field]))) {
      problems.push(`${name}: ${field} is not an RFC 3339 date`);
    }
  }
  return problems;
}

export async function checkJsonFeed(ctx: SiteContext): Promise<CheckResult> {
  const file = join(ctx.dir, 'feed.json');
  if (!existsSync(file)) return failed('json feed', 'feed.json is missing');
  let feed: Json;
  try {
    feed = JSON.parse(readFileSync(file, 'utf8')) as Json;
  } catch (err) {
    return failed('json feed', `feed.json is not JSON: ${(err as Error).message}`);
  }
  const items = Array.isArray(feed.items) ? (feed.items as Json[]) : [];
  const problems = [...feedProblems(feed), ...items.flatMap(itemProblems)];
  if (problems.length > 0) return failed('json feed', `${problems.length} problems`, problems);
  return passed('json feed', `${feed.version}, ${items.length} items`);
}

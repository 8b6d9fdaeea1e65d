// (f) Every internal link with a #fragment lands on an element with that id in its target page.

import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type CheckResult, failed, passed } from '../check-result.js';
import { readHrefs, readIds } from '../html-scan.js';
import type { SiteContext } from '../site-context.js';
import { urlPathFor } from '../site-files.js';
import { fileForUrl } from '../site-urls.js';

interface Target {
  file: string | null;
  fragment: string;
}

/** The page and decoded fragment an href points at, or null when it is external or has none. */
function targetOf(ctx: SiteContext, page: URL, href: string): Target | null {
  if (!URL.canParse(href, page)) return null;
  const url = new URL(href, page);
  if (url.hash.length <= 1 || url.origin !== ctx.base.origin) return null;
  if (!url.pathname.startsWith(ctx.base.pathname)) return null;
  let fragment = url.hash.slice(1);
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    // A malformed escape: look for the id as written.
  }
  return { file: fileForUrl(ctx.dir, url, ctx.base), fragment };
}

/** HTML scrolls to the top for #top without any element; everything else needs the id. */
function landsOn(ids: Set<string>, fragment: string): boolean {
  return ids.has(fragment) || fragment.toLowerCase() === 'top';
}

/** Reads each target page's ids once. */
function idIndex(): (file: string) => Set<string> {
  const cache = new Map<string, Set<string>>();
  return (file) => {
    const known = cache.get(file);
    if (known) return known;
    const found = readIds(readFileSync(file, 'utf8'));
    cache.set(file, found);
    return found;
  };
}

/** The fragment links of one page: how many there are and which miss. */
function checkPage(ctx: SiteContext, page: string, ids: (file: string) => Set<string>) {
  const pageUrl = new URL(urlPathFor(page), ctx.base);
  const problems: string[] = [];
  let checked = 0;
  for (const { href, line } of readHrefs(readFileSync(join(ctx.dir, page), 'utf8'))) {
    const target = targetOf(ctx, pageUrl, href);
    if (!target) continue;
    checked++;
    if (!target.file) problems.push(`${page}:${line}: ${href}: no such page`);
    else if (target.file.endsWith('.html') && !landsOn(ids(target.file), target.fragment)) {
      const where = relative(ctx.dir, target.file);
      problems.push(`${page}:${line}: ${href}: ${where} has no id "${target.fragment}"`);
    }
  }
  return { problems, checked };
}

export async function checkFragments(ctx: SiteContext): Promise<CheckResult> {
  const ids = idIndex();
  const problems: string[] = [];
  let checked = 0;
  for (const page of ctx.files.filter((file) => file.endsWith('.html'))) {
    const result = checkPage(ctx, page, ids);
    problems.push(...result.problems);
    checked += result.checked;
  }
  const summary = `${problems.length} broken of ${checked} internal #fragment links`;
  return problems.length === 0
    ? passed('fragments', summary)
    : failed('fragments', summary, problems);
}

// (e) sitemap.xml against the sitemaps.org schema, and every <loc> answered by a file of the site.

import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ADVICE } from '../advice.js';
import { type CheckResult, failed, passed } from '../check-result.js';
import { runTool } from '../run-tool.js';
import { type SiteContext, schemaFile } from '../site-context.js';
import { fileForUrl } from '../site-urls.js';
import { readLocs } from '../sitemap-locs.js';

/** Schemas that were not there to check against: the summary names them. */
const notChecked = new Set<string>();

async function schemaProblems(ctx: SiteContext, file: string, schema: string): Promise<string[]> {
  const xsd = schemaFile(ctx, schema);
  if (!xsd) {
    notChecked.add(schema);
    return [];
  }
  const args = ['--noout', '--schema', xsd, file];
  const { code, stderr } = await runTool('xmllint', args, { advice: ADVICE.xmllint });
  if (code === 0) return [];
  return stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.endsWith(' fails to validate'))
    .map((line) => line.replace(`${ctx.dir}/`, ''));
}

function locFile(ctx: SiteContext, loc: string): string | null {
  return URL.canParse(loc) ? fileForUrl(ctx.dir, new URL(loc), ctx.base) : null;
}

function missingLocs(ctx: SiteContext, name: string, locs: string[]): string[] {
  return locs
    .filter((loc) => locFile(ctx, loc) === null)
    .map((loc) => `${name}: <loc>${loc}</loc> has no file under ${ctx.base.href} in the site`);
}

/** A <urlset> file: its schema problems, its locs without files, and how many URLs it lists. */
async function checkUrlset(ctx: SiteContext, file: string) {
  const name = relative(ctx.dir, file);
  const locs = readLocs(readFileSync(file, 'utf8'));
  const problems = [
    ...(await schemaProblems(ctx, file, 'sitemap.xsd')),
    ...missingLocs(ctx, name, locs),
  ];
  return { problems, urls: locs.length };
}

/** A <sitemapindex>: its own schema, then each sitemap it lists. */
async function checkIndex(ctx: SiteContext, file: string) {
  const locs = readLocs(readFileSync(file, 'utf8'));
  const problems = [...(await schemaProblems(ctx, file, 'siteindex.xsd'))];
  problems.push(...missingLocs(ctx, 'sitemap.xml', locs));
  let urls = 0;
  for (const child of locs.map((loc) => locFile(ctx, loc))) {
    if (child === null) continue;
    const result = await checkUrlset(ctx, child);
    problems.push(...result.problems);
    urls += result.urls;
  }
  return { problems, urls };
}

export async function checkSitemap(ctx: SiteContext): Promise<CheckResult> {
  const file = join(ctx.dir, 'sitemap.xml');
  if (!existsSync(file)) return failed('sitemap', 'sitemap.xml is missing');
  const isIndex = /<sitemapindex[\s>]/.test(readFileSync(file, 'utf8'));
  const { problems, urls } = await (isIndex ? checkIndex(ctx, file) : checkUrlset(ctx, file));
  const unchecked = [...notChecked];
  const schemaNote = unchecked.length
    ? `schema not checked (no ${unchecked.join(', ')} in ${ctx.schemas}: ${ADVICE.schemas})`
    : 'schema-valid';
  const summary = `${urls} URLs, ${schemaNote}, every <loc> a file`;
  if (urls === 0) problems.push('the sitemap lists no URLs');
  return problems.length === 0
    ? passed('sitemap', summary)
    : failed('sitemap', `${problems.length} problems`, problems);
}

// (b) Lighthouse (desktop) on the home page, one post and one tag page, served locally.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTokenizer } from '../../../../src/search/words.js';
import { ADVICE } from '../advice.js';
import { type CheckResult, failed, passed } from '../check-result.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../chromium.js';
import { requireFile, runTool } from '../run-tool.js';
import type { SiteContext } from '../site-context.js';
import { pickAuditPages, urlPathFor } from '../site-files.js';
import type { StaticServer } from '../static-server.js';

const CHROME_FLAGS = CHROMIUM_FLAGS.join(' ');

const CATEGORIES = [
  { id: 'performance', short: 'perf', minimum: 0.9 },
  { id: 'accessibility', short: 'a11y', minimum: 1 },
  { id: 'best-practices', short: 'bp', minimum: 1 },
  { id: 'seo', short: 'seo', minimum: 1 },
];

/** Audits that carry no pass/fail of their own. */
const UNSCORED = new Set(['notApplicable', 'informative', 'manual', 'error']);

interface AuditItem {
  node?: { snippet?: string; selector?: string };
  description?: string;
  url?: string;
  sourceLocation?: { url?: string };
}

interface Audit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
  /** Items are a list for most audits; some (LCP breakdowns, insights) give an object. */
  details?: { items?: AuditItem[] | Record<string, unknown> };
}

interface Report {
  runtimeError?: { code: string; message: string };
  categories: Record<string, { score: number | null; auditRefs: Array<{ id: string }> }>;
  audits: Record<string, Audit>;
}

function lighthouseArgs(url: string): string[] {
  const only = CATEGORIES.map((c) => c.id).join(',');
  return [url, '--preset=desktop', `--chrome-flags=${CHROME_FLAGS}`, `--only-categories=${only}`];
}

/** What an audit item points at: an element, or a message and the URL it came from. */
function itemText(item: AuditItem): string {
  if (item.node) return `${item.node.selector ?? ''} ${item.node.snippet ?? ''}`.trim();
  const url = item.sourceLocation?.url ?? item.url ?? '';
  return [item.description, url].filter(Boolean).join(' ');
}

/** "id — title (value)", then up to three of the items that failed it. */
function describeAudit(category: string, audit: Audit): string[] {
  const value = audit.displayValue ? ` (${audit.displayValue})` : '';
  const all = audit.details?.items;
  const items = (Array.isArray(all) ? all : []).slice(0, 3).map((item) => `  at ${itemText(item)}`);
  return [`${category}: ${audit.id} — ${audit.title}${value} [score ${audit.score}]`, ...items];
}

function failingAudits(report: Report, categoryId: string): string[] {
  return report.categories[categoryId].auditRefs
    .map((ref) => report.audits[ref.id])
    .filter(
      (a): a is Audit =>
        !!a && !UNSCORED.has(a.scoreDisplayMode) && a.score !== null && a.score < 1,
    )
    .flatMap((audit) => describeAudit(categoryId, audit));
}

function judge(label: string, report: Report): CheckResult {
  const name = `lighthouse ${label}`;
  if (report.runtimeError)
    return failed(name, `${report.runtimeError.code}: ${report.runtimeError.message}`);
  const score = (id: string): number => report.categories[id]?.score ?? 0;
  const summary = CATEGORIES.map((c) => `${c.short} ${score(c.id)}`).join(' ');
  const below = CATEGORIES.filter((c) => score(c.id) < c.minimum);
  if (below.length === 0) return passed(name, summary);
  return failed(
    name,
    summary,
    below.flatMap((c) => failingAudits(report, c.id)),
  );
}

/**
 * Lighthouse runs of a failing performance score: on this 2-core machine the same bytes of a
 * page without a script scored 0.77 and then 1 (total blocking time is the machine's load, not
 * the page's). Accessibility, best practices and SEO do not vary, and are judged on the first run.
 */
const PERF_RUNS = 3;

async function audit(cli: string, chrome: string, url: URL, label: string): Promise<CheckResult> {
  const args = [...lighthouseArgs(url.href), '--output=json', '--output-path=stdout', '--quiet'];
  const env = { ...process.env, CHROME_PATH: chrome };
  const scores: string[] = [];
  let result: CheckResult | null = null;
  for (let run = 1; run <= PERF_RUNS; run++) {
    const { code, stdout, stderr } = await runTool(cli, args, { advice: ADVICE.lighthouse, env });
    if (code !== 0)
      return failed(`lighthouse ${label}`, `exit ${code}`, stderr.trim().split('\n').slice(-15));
    const report = JSON.parse(stdout) as Report;
    result = judge(label, report);
    const perf = report.categories.performance?.score ?? 0;
    const onlyPerf = CATEGORIES.every(
      (c) => c.id === 'performance' || (report.categories[c.id]?.score ?? 0) >= c.minimum,
    );
    if (result.ok || !onlyPerf) break;
    scores.push(String(perf));
  }
  if (result && scores.length && result.ok)
    result.summary += ` (performance measured again: ${scores.join(', ')} before)`;
  return result as CheckResult;
}

export async function checkLighthouse(
  ctx: SiteContext,
  server: StaticServer,
): Promise<CheckResult[]> {
  const cli = requireFile(join(ctx.repo, 'node_modules/.bin/lighthouse'), ADVICE.lighthouse);
  const chrome = requireFile(process.env.CHROME_PATH || CHROMIUM_PATH, ADVICE.chromium);
  const pages = pickAuditPages(ctx.files);
  const results: CheckResult[] = [];
  for (const [kind, page] of Object.entries(pages)) {
    if (page === null) {
      results.push(failed(`lighthouse ${kind}`, `no ${kind} page found in the site`));
      continue;
    }
    const url = new URL(urlPathFor(page), server.root);
    results.push(await audit(cli, chrome, url, `/${page.replace(/(^|\/)index\.html$/, '$1')}`));
  }
  const search = searchAudit(ctx);
  if (search) results.push(await audit(cli, chrome, new URL(search, server.root), `/${search}`));
  return results;
}

/**
 * The built search page answering a query (its script fetches the static index and lists the
 * results), when the site has one: the query is the first word of the newest post's title.
 */
function searchAudit(ctx: SiteContext): string | null {
  if (!ctx.files.includes('search.html') || !ctx.files.includes('search/docs.json')) return null;
  const docs = JSON.parse(readFileSync(join(ctx.dir, 'search/docs.json'), 'utf8')) as {
    docs: [string, string][];
  };
  const word = makeTokenizer().query(docs.docs[0]?.[1] ?? '')[0]?.term;
  return word ? `search.html?q=${encodeURIComponent(word)}` : null;
}

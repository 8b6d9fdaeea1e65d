// (d) feed.xml by RSS 2.0's rules: well-formed, <rss version="2.0">, one channel, complete items.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ADVICE } from '../advice.js';
import { type CheckResult, failed, passed } from '../check-result.js';
import { rfc822Problem } from '../rfc822.js';
import { runTool } from '../run-tool.js';
import type { SiteContext } from '../site-context.js';

const ITEM = '/rss/channel/item';
const NOT_URL =
  "[not(starts-with(normalize-space(), 'http://') or starts-with(normalize-space(), 'https://'))]";

interface Rule {
  /** An XPath count. */
  count: string;
  ok: (n: number) => boolean;
  problem: (n: number) => string;
}

const one = (n: number): boolean => n === 1;
const none = (n: number): boolean => n === 0;

/** RSS 2.0 (https://www.rssboard.org/rss-specification): required channel and item elements. */
const RULES: Rule[] = [
  {
    count: "count(/rss[@version='2.0'])",
    ok: one,
    problem: () => 'root is not <rss version="2.0">',
  },
  { count: 'count(/rss/channel)', ok: one, problem: (n) => `${n} <channel> elements, want 1` },
  ...['title', 'link', 'description'].map((name) => ({
    count: `count(/rss/channel/${name}[normalize-space()])`,
    ok: one,
    problem: (n: number) => `${n} non-empty channel <${name}> elements, want 1`,
  })),
  {
    count: `count(${ITEM}[not(title[normalize-space()]) and not(description[normalize-space()])])`,
    ok: none,
    problem: (n) => `${n} items have neither <title> nor <description>`,
  },
  {
    count: `count(${ITEM}[not(link[normalize-space()])])`,
    ok: none,
    problem: (n) => `${n} items have no <link>`,
  },
  {
    count: `count(${ITEM}[not(guid[normalize-space()])])`,
    ok: none,
    problem: (n) => `${n} items have no <guid>`,
  },
  {
    count: `count((/rss/channel/link | ${ITEM}/link)${NOT_URL})`,
    ok: none,
    problem: (n) => `${n} <link> values are not absolute http(s) URLs`,
  },
  {
    count: `count(${ITEM}/guid[not(@isPermaLink = 'false')]${NOT_URL})`,
    ok: none,
    problem: (n) => `${n} permalink <guid>s are not URLs (set isPermaLink="false")`,
  },
];

async function xpath(file: string, expression: string) {
  return runTool('xmllint', ['--xpath', expression, file], { advice: ADVICE.xmllint });
}

async function ruleProblems(file: string): Promise<{ problems: string[]; items: number }> {
  const expression = `concat(${[...RULES.map((r) => r.count), `count(${ITEM})`].join(", '|', ")})`;
  const counts = (await xpath(file, expression)).stdout.trim().split('|').map(Number);
  const problems = RULES.flatMap((rule, i) =>
    rule.ok(counts[i] ?? -1) ? [] : [rule.problem(counts[i] ?? -1)],
  );
  return { problems, items: counts[RULES.length] ?? 0 };
}

/** Every pubDate and lastBuildDate that is not an RFC 822 date-time. */
async function dateProblems(file: string): Promise<string[]> {
  const dates = `/rss/channel/pubDate | /rss/channel/lastBuildDate | ${ITEM}/pubDate`;
  const { stdout } = await xpath(file, dates);
  return [...stdout.matchAll(/<(pubDate|lastBuildDate)>([^<]*)<\//g)].flatMap(([, name, value]) => {
    const problem = rfc822Problem((value ?? '').trim());
    return problem ? [`<${name}>${value}</${name}>: ${problem}`] : [];
  });
}

export async function checkRss(ctx: SiteContext): Promise<CheckResult> {
  const file = join(ctx.dir, 'feed.xml');
  if (!existsSync(file)) return failed('rss', 'feed.xml is missing');
  const wellFormed = await runTool('xmllint', ['--noout', file], { advice: ADVICE.xmllint });
  if (wellFormed.code !== 0) {
    return failed('rss', 'feed.xml is not well-formed XML', wellFormed.stderr.trim().split('\n'));
  }
  const { problems, items } = await ruleProblems(file);
  problems.push(...(await dateProblems(file)));
  const summary = `${problems.length} problems in feed.xml, ${items} items`;
  return problems.length === 0
    ? passed('rss', `RSS 2.0, ${items} items`)
    : failed('rss', summary, problems);
}

// Checks a built site the way independent clients see it: Nu HTML, Lighthouse, feeds, sitemap, links.
//
//   npm run check:site -- DIR [--content SRC] [--schemas DIR]
//
// DIR is the dest folder of `pugo build`; --content names its source folder, whose meta.toml root
// says which absolute URLs are the site's own (without it, the sitemap's locs say so).

import { parseArgs } from 'node:util';
import { ADVICE } from './lib/advice.js';
import { type CheckResult, formatResult, guarded } from './lib/check-result.js';
import { checkAtom } from './lib/checks/atom.js';
import { checkFragments } from './lib/checks/fragments.js';
import { checkJsonFeed } from './lib/checks/json-feed.js';
import { checkLighthouse } from './lib/checks/lighthouse.js';
import { checkLinks } from './lib/checks/links.js';
import { checkNuHtml } from './lib/checks/nu-html.js';
import { checkRss } from './lib/checks/rss.js';
import { checkSitemap } from './lib/checks/sitemap.js';
import {
  createSiteContext,
  SCHEMA_FILES,
  type SiteContext,
  schemaFile,
} from './lib/site-context.js';
import { type StaticServer, startStaticServer } from './lib/static-server.js';

const USAGE = 'usage: npm run check:site -- DIR [--content SRC] [--schemas DIR]\n';

type Step = [name: string, run: () => Promise<CheckResult | CheckResult[]>];

/** Quick checks first; Lighthouse last and alone, so nothing else competes for the CPU. */
function steps(ctx: SiteContext, server: StaticServer): Step[] {
  return [
    ['atom', () => checkAtom(ctx)],
    ['rss', () => checkRss(ctx)],
    ['json feed', () => checkJsonFeed(ctx)],
    ['sitemap', () => checkSitemap(ctx)],
    ['links', () => checkLinks(ctx, server)],
    ['fragments', () => checkFragments(ctx)],
    ['nu', () => checkNuHtml(ctx)],
    ['lighthouse', () => checkLighthouse(ctx, server)],
  ];
}

async function runChecks(ctx: SiteContext): Promise<CheckResult[]> {
  const server = await startStaticServer(ctx.dir, ctx.base.pathname);
  const results: CheckResult[] = [];
  try {
    for (const [name, run] of steps(ctx, server)) {
      for (const result of await guarded(name, run)) {
        process.stdout.write(`${formatResult(result)}\n`);
        results.push(result);
      }
    }
  } finally {
    await server.close();
  }
  return results;
}

function parseFlags(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      content: { type: 'string' },
      schemas: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv);
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [dir] = positionals;
  if (positionals.length !== 1 || dir === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  const started = performance.now();
  const ctx = createSiteContext({ dir, content: values.content, schemas: values.schemas });
  process.stdout.write(
    `check-site: ${ctx.dir} (${ctx.files.length} files, root ${ctx.base.href})\n`,
  );
  const missing = Object.entries(SCHEMA_FILES)
    .map(([check, files]) => [check, files.filter((f) => !schemaFile(ctx, f))] as const)
    .filter(([, files]) => files.length > 0);
  if (missing.length) {
    const list = missing.map(([check, files]) => `${check} (${files.join(', ')})`).join(', ');
    process.stdout.write(
      `check-site: no schemas in ${ctx.schemas}, so these schema checks cannot run: ${list}; ${ADVICE.schemas}\n`,
    );
  }
  const results = await runChecks(ctx);
  const failures = results.filter((result) => !result.ok).length;
  const skips = results.filter((result) => result.skipped).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const verdict =
    (failures === 0 ? 'all passed' : `${failures} FAILED`) + (skips ? `, ${skips} not run` : '');
  process.stdout.write(`check-site: ${results.length} checks, ${verdict}, in ${seconds} s\n`);
  return failures === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`check-site: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);

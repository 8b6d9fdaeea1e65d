// (f) linkinator crawls the site through a plain static server (no rewrites); a broken internal
// link fails, unless the author wrote it into a post (pugo keeps posts as written): that one is
// listed, and does not fail the check.

import type { LinkResult } from 'linkinator';
import { ADVICE } from '../advice.js';
import { isAuthored, sourceText } from '../authored-links.js';
import { type CheckResult, failed, passed } from '../check-result.js';
import { ToolMissingError } from '../run-tool.js';
import type { SiteContext } from '../site-context.js';
import { urlPathFor } from '../site-files.js';
import type { StaticServer } from '../static-server.js';

async function loadLinkinator(): Promise<typeof import('linkinator')> {
  try {
    return await import('linkinator');
  } catch {
    throw new ToolMissingError('linkinator', ADVICE.linkinator);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A served URL as the site path a reader would recognise: http://127.0.0.1:PORT/a → /a. */
function shown(server: StaticServer, url: string | undefined): string {
  if (!url) return '?';
  const local = url.startsWith(server.root.origin) ? url.slice(server.root.origin.length) : url;
  try {
    return decodeURI(local);
  } catch {
    return local;
  }
}

/** A served URL's path, as it appears in the site: http://127.0.0.1:PORT/blog/a → /a. */
function localPath(server: StaticServer, url: string): string {
  const base = server.root.pathname.replace(/\/$/, '');
  const path = url.startsWith(server.root.origin) ? new URL(url).pathname : url;
  return base && path.startsWith(base) ? path.slice(base.length) : path;
}

/** Broken links grouped by target: "404 /archive (from 3 pages: /, /a.html, /b.html)". */
function describeBroken(server: StaticServer, broken: LinkResult[]): string[] {
  const byUrl = new Map<string, { status: number; parents: string[] }>();
  for (const link of broken) {
    const entry = byUrl.get(link.url) ?? { status: link.status ?? 0, parents: [] };
    entry.parents.push(shown(server, link.parent));
    byUrl.set(link.url, entry);
  }
  return [...byUrl].map(([url, { status, parents }]) => {
    const from = parents.slice(0, 5).join(', ') + (parents.length > 5 ? ', …' : '');
    return `${status} ${shown(server, url)} (from ${parents.length} pages: ${from})`;
  });
}

/** Every page is a starting point, so pages no link reaches (orphans) get their links checked too. */
function startUrls(ctx: SiteContext, server: StaticServer): string[] {
  const pages = ctx.files.filter((file) => file.endsWith('.html'));
  return [server.root.href, ...pages.map((file) => new URL(urlPathFor(file), server.root).href)];
}

export async function checkLinks(ctx: SiteContext, server: StaticServer): Promise<CheckResult> {
  const { LinkChecker, LinkState } = await loadLinkinator();
  const result = await new LinkChecker().check({
    path: [...new Set(startUrls(ctx, server))],
    recurse: true,
    concurrency: 16,
    timeout: 30_000,
    // The site's own absolute URLs (canonical links, say) are checked against the local copy.
    urlRewriteExpressions: [
      { pattern: new RegExp(`^${escapeRegExp(ctx.base.href)}`), replacement: server.root.href },
    ],
    linksToSkip: async (link) => !URL.canParse(link) || new URL(link).hostname !== '127.0.0.1',
  });
  const allBroken = result.links.filter((link) => link.state === LinkState.BROKEN);
  const checked =
    result.links.filter((link) => link.state === LinkState.OK).length + allBroken.length;
  const text = ctx.content ? sourceText(ctx.content) : '';
  const byAuthor = (link: LinkResult) =>
    text !== '' && isAuthored(text, localPath(server, link.url));
  const broken = allBroken.filter((link) => !byAuthor(link));
  const authored = describeBroken(server, allBroken.filter(byAuthor)).map(
    (line) => `as written in a post: ${line}`,
  );
  const details = describeBroken(server, broken);
  const counts = `${broken.length} broken of ${checked} internal links (linkinator, plain static server)`;
  const note = authored.length ? `; ${authored.length} more as the author wrote them in posts` : '';
  if (broken.length === 0) return passed('links', `${counts}${note}`, authored);
  return failed('links', `${counts}, to ${details.length} missing targets${note}`, [
    ...details,
    ...authored,
  ]);
}

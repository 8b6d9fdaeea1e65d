// The dashboard's top allocation sites, each opening onto a peek view: who calls it, what it calls.

import { esc, formatBytes, formatCount, functionLabel } from './dashboard-format.js';
import type { Neighbour, Site } from './dashboard-sites.js';

function neighbours(title: string, list: Neighbour[], none: string): string {
  const items = list.map(
    (n) =>
      `<li>${functionLabel(n.name, n.file, 0)}<span class="num">${formatBytes(n.bytes)}</span></li>`,
  );
  const body =
    items.length > 0 ? `<ul>${items.join('')}</ul>` : `<p class="empty">${esc(none)}</p>`;
  return `<div><h4>${esc(title)}</h4>${body}</div>`;
}

function siteItem(site: Site, rank: number, total: number): string {
  const share = total > 0 ? (100 * site.bytes) / total : 0;
  return `<li><details><summary>
<span class="rank">${rank}</span>
${functionLabel(site.name, site.file, site.line)}
<span class="num" title="in use, allocated here">${formatBytes(site.bytes)}</span>
<span class="num dim" title="objects">${formatCount(site.objects)}</span>
<span class="num dim" title="in use under this function (cum)">${formatBytes(site.cumBytes)}</span>
<span class="bar" title="${share.toFixed(1)}% of the sampled heap"><i style="width:${Math.min(100, share).toFixed(1)}%"></i></span>
</summary>
<div class="peek">${neighbours('called from', site.callers, 'the top of its stacks')}${neighbours('calls', site.callees, 'nothing: it allocates all of it itself')}</div>
</details></li>`;
}

/**
 * Sites by what they hold themselves (pprof's flat), biggest first, as `top` lists them;
 * opening one shows its callers and callees with the bytes on stacks through them, as `peek`.
 */
export function topSitesList(sites: Site[], totalBytes: number): string {
  if (sites.length === 0) {
    return '<p class="empty">The heap sampler has not caught an allocation yet.</p>';
  }
  const head = `<div class="sites-head" aria-hidden="true"><span></span><span>function</span><span class="num">in use</span><span class="num">objects</span><span class="num">cum</span><span></span></div>`;
  const items = sites.map((s, i) => siteItem(s, i + 1, totalBytes)).join('\n');
  return `${head}<ol class="sites">\n${items}\n</ol>`;
}

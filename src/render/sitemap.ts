// sitemap.xml (sitemaps.org 0.9): every page URL the site really has, with its last change.

export interface SitemapUrl {
  loc: string;
  lastmod?: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function renderSitemap(urls: SitemapUrl[]): string {
  const rows = urls.map(({ loc, lastmod }) => {
    const mod = lastmod ? `<lastmod>${lastmod}</lastmod>` : '';
    return `  <url><loc>${xmlEscape(loc)}</loc>${mod}</url>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...rows,
    '</urlset>',
    '',
  ].join('\n');
}

// Pugo 2022's URL rules, written out again for the tests from its Go source (fuxiaohei/pugo), so
// they check pugo's URLs against Pugo's, not against pugo's own code.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import TOML from '@iarna/toml';
import { parse as parseYaml } from 'yaml';

/** Go's url.PathEscape: unreserved characters and `$&+:=@` stay, every other byte is %XX. */
export function goPathEscape(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => {
      const c = String.fromCharCode(byte);
      return /[A-Za-z0-9\-_.~$&+:=@]/.test(c)
        ? c
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** utils.FormatIndexHTML: the file a link is written to. */
export function formatIndexHtml(link: string): string {
  if (link.endsWith('.html')) return link;
  if (link.endsWith('/index')) return `${link}.html`;
  return `${link.replace(/\/$/, '')}/index.html`;
}

interface Meta {
  title?: string;
  slug?: string;
  date?: string;
  draft?: boolean;
}

/** constants.PostMetaSeperators: `---\n` YAML or ```` ```toml\n ```` TOML, after TrimSpace. */
function frontMatter(file: string): Meta {
  const text = readFileSync(file, 'utf8').trim().replace(/\r\n/g, '\n');
  if (text.startsWith('---\n')) return parseYaml(text.slice(4).split('---\n')[0]) as Meta;
  if (text.startsWith('```toml\n')) return TOML.parse(text.slice(8).split('```\n')[0]) as Meta;
  throw new Error(`${file}: no front matter Pugo 2022 reads`);
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => join(e.parentPath, e.name));
}

/** Dates as constants.PostDateLayouts read them, in UTC (time.Parse). */
function dateParts(date: string): { year: string; month: string; day: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})( \d{2}:\d{2}(:\d{2})?)?$/.exec(date);
  if (!m) throw new Error(`date ${date} is not one of Pugo 2022's layouts`);
  return { year: String(Number(m[1])), month: m[2], day: m[3] };
}

export interface ExpectedUrl {
  source: string;
  /** The link Pugo 2022 put in its pages (percent-encoded). */
  link: string;
}

/** Every post (context.go createPostLink) and page (render_pages.go) link of a 2022 site. */
export function expectedUrls(site: string, postLinkFormat: string): ExpectedUrl[] {
  const urls: ExpectedUrl[] = [];
  for (const file of markdownFiles(join(site, 'content', 'posts'))) {
    const meta = frontMatter(file);
    if (meta.draft) continue;
    const { year, month, day } = dateParts(String(meta.date));
    const slug = meta.slug || goPathEscape(String(meta.title));
    const link = postLinkFormat
      .replaceAll('{{.Date.Year}}', year)
      .replaceAll('{{.Date.Month}}', month)
      .replaceAll('{{.Date.Day}}', day)
      .replaceAll('{{.Slug}}', slug);
    urls.push({ source: relative(site, file).split(sep).join('/'), link });
  }
  const pages = join(site, 'content', 'pages');
  for (const file of markdownFiles(pages)) {
    const meta = frontMatter(file);
    if (meta.draft) continue;
    const slug = meta.slug || relative(pages, file).split(sep).join('/');
    urls.push({
      source: relative(site, file).split(sep).join('/'),
      link: `/${slug.replace(/^\/+/, '')}`,
    });
  }
  return urls;
}

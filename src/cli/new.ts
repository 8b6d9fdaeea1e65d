// pugo new site|post|page: start a site from the sample, or a post or page from a title.

import { existsSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { formatDateTime } from '../content/dates.js';
import { slugify } from '../content/slug.js';
import { PugoError } from '../errors.js';
import type { Logger } from '../log.js';
import { PACKAGE_DIR } from '../package-dir.js';
import { parseFlags, usage } from './args.js';

const FLAGS = {
  content: { type: 'string', default: 'content' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const NEW_HELP = `${usage('new', 'site [dir] | post <title> | page <title>', ['content', 'help'])}
  pugo new site [dir]     copy the sample site into dir (default: content)
  pugo new post <title>   write content/post/<slug>.md with front matter filled in
  pugo new page <title>   write content/page/<slug>.md
`;

export async function newCommand(argv: string[], log: Logger): Promise<number> {
  const { values, positionals } = parseFlags('new', argv, FLAGS, { positionals: Infinity });
  const [what, ...rest] = positionals;
  if (values.help || !what) {
    process.stdout.write(NEW_HELP);
    return values.help ? 0 : 2;
  }
  if (what === 'site') return newSite(resolve(rest[0] ?? values.content), log);
  if (what !== 'post' && what !== 'page') {
    throw new PugoError('PUGO_USAGE', `new: expected site, post or page, got "${what}"`);
  }
  const title = rest.join(' ').trim();
  if (!title) throw new PugoError('PUGO_USAGE', `new ${what}: a title is required`);
  return newEntry(what, title, resolve(values.content), log);
}

async function newSite(dir: string, log: Logger): Promise<number> {
  if (existsSync(join(dir, 'meta.toml'))) {
    throw new PugoError('PUGO_EXISTS', `${dir} already has a meta.toml`, {
      file: join(dir, 'meta.toml'),
    });
  }
  await mkdir(dir, { recursive: true });
  await cp(join(PACKAGE_DIR, 'content'), dir, {
    recursive: true,
    errorOnExist: true,
    force: false,
  });
  log.info(`new site in ${dir}: run pugo serve --content ${dir}`);
  return 0;
}

async function newEntry(
  kind: 'post' | 'page',
  title: string,
  contentDir: string,
  log: Logger,
): Promise<number> {
  const { config } = await loadConfig(contentDir);
  const slug = slugify(title);
  const file = join(contentDir, kind, `${slug}.md`);
  if (existsSync(file)) throw new PugoError('PUGO_EXISTS', `${file} already exists`, { file });
  // Written in the site's timezone, as front-matter dates are read: never in the future there.
  const now = formatDateTime(new Date().toISOString(), config.meta.timezone);
  const author = config.authors[0]?.name ?? '';
  const fields = [
    `title = ${JSON.stringify(title)}`,
    `slug = ${JSON.stringify(slug)}`,
    'desc = ""',
    `date = "${now}"`,
    `author = ${JSON.stringify(author)}`,
    ...(kind === 'post' ? ['tags = []', 'draft = true'] : ['hover = ""']),
  ];
  await mkdir(join(contentDir, kind), { recursive: true });
  const body =
    kind === 'post'
      ? 'The summary comes first.\n\n<!--more-->\n\nThe rest of the post.\n'
      : 'Page text.\n';
  await writeFile(file, `\`\`\`toml\n${fields.join('\n')}\n\`\`\`\n\n${body}`, { flag: 'wx' });
  log.info(
    `wrote ${file}${kind === 'post' ? ' (draft = true: pugo serve --drafts shows it)' : ''}`,
  );
  return 0;
}

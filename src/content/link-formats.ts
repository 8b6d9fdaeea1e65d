// Link formats ("permalinks"): Pugo 2022's `/{{.Date.Year}}/{{.Date.Month}}/{{.Slug}}/` filled in
// for one post, tag or list page, and read back from a request path.

/** What a format may name, and what each stands for when a path is read back. */
const PLACEHOLDERS = {
  Slug: '(.+)',
  Tag: '([^/]+)',
  Page: '([1-9][0-9]{0,6})',
  'Date.Year': '([0-9]{4})',
  /** Zero-padded, as Pugo 2022 wrote them (fmt.Sprintf("%02d")). */
  'Date.Month': '([0-9]{2})',
  'Date.Day': '([0-9]{2})',
  /** Not padded, as Pugo 0.10 wrote them (`/2014/1/19/first-blog.html`). */
  'Date.M': '([0-9]{1,2})',
  'Date.D': '([0-9]{1,2})',
} as const;

export type LinkVar = keyof typeof PLACEHOLDERS;
export type LinkVars = Partial<Record<LinkVar, string>>;

/** `{{.Slug}}` or `{{ .Date.Year }}`, as Go's text/template reads them. */
const PLACEHOLDER = /\{\{\s*\.([A-Za-z.]+)\s*\}\}/g;

/**
 * The URL a filled format names, by Pugo 2022's FormatIndexHTML: a path ending in '.html' or '/'
 * is kept, '/x/index' is '/x/index.html', and any other is a folder ('/about' → '/about/'), so
 * the build writes '…/index.html' and a plain static server answers it.
 */
export function normaliseLink(path: string): string {
  const rooted = path.startsWith('/') ? path : `/${path}`;
  if (rooted.endsWith('.html') || rooted.endsWith('/')) return rooted;
  if (rooted.endsWith('/index')) return `${rooted}.html`;
  return `${rooted}/`;
}

/** Why `format` cannot be used with the placeholders `allowed`, or null when it can. */
export function checkLinkFormat(format: string, allowed: readonly LinkVar[]): string | null {
  if (!format.startsWith('/')) return "must start with '/'";
  if (/[?#\\]/.test(format)) return "must not contain '?', '#' or '\\'";
  const named = [...format.matchAll(PLACEHOLDER)].map((m) => m[1]);
  const unknown = named.find((name) => !(allowed as readonly string[]).includes(name));
  if (unknown !== undefined) {
    return `may name only ${allowed.map((a) => `{{.${a}}}`).join(', ')}, not {{.${unknown}}}`;
  }
  const rest = format.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) return 'has an unclosed {{ … }}';
  return null;
}

/** The format with each placeholder replaced, normalised (see normaliseLink). */
export function fillLink(format: string, vars: LinkVars): string {
  return normaliseLink(
    format.replace(PLACEHOLDER, (_, name: string) => vars[name as LinkVar] ?? ''),
  );
}

const compiled = new Map<string, { re: RegExp; names: LinkVar[] }>();

function compile(format: string): { re: RegExp; names: LinkVar[] } {
  let found = compiled.get(format);
  if (found) return found;
  const names: LinkVar[] = [];
  const normal = normaliseLink(format);
  let source = '';
  let last = 0;
  for (const m of normal.matchAll(PLACEHOLDER)) {
    source += escapeRegExp(normal.slice(last, m.index));
    const name = m[1] as LinkVar;
    names.push(name);
    source += PLACEHOLDERS[name] ?? '(.+)';
    last = m.index + m[0].length;
  }
  source += escapeRegExp(normal.slice(last));
  found = { re: new RegExp(`^${source}$`, 'u'), names };
  // Formats come from config: a handful per site, so this never grows past a few entries.
  compiled.set(format, found);
  return found;
}

/** The placeholders' values if `path` (decoded) is one `format` makes, else null. */
export function matchLink(format: string, path: string): LinkVars | null {
  const { re, names } = compile(format);
  const m = re.exec(path);
  if (!m) return null;
  const vars: LinkVars = {};
  names.forEach((name, i) => {
    vars[name] = m[i + 1];
  });
  return vars;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

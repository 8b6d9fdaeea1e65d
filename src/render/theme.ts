// Theme loading: a folder of Eta templates plus static/, compiled once on first use and cached.

import { existsSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { Script } from 'node:vm';
import { Eta, type TemplateFunction } from 'eta';
import { loadLang } from '../content/lang.js';
import { readToml } from '../content/toml.js';
import { PugoError, type PugoErrorCode } from '../errors.js';
import { notTooling, walkFiles } from '../walk.js';

export interface Theme {
  name: string;
  dir: string;
  staticDir: string;
  /** The theme's own strings (its lang/ folder): what a site's lang files lack falls back to. */
  strings: Record<string, Record<string, string>>;
  /**
   * Whether any template names `wordCount`: a change of a post's word count alone then changes
   * the lists carrying its card. Read from the templates' text, as a theme shows what it names.
   */
  showsWordCount: boolean;
  render(template: string, view: object): string;
  has(template: string): boolean;
}

type Strings = Record<string, string>;

/**
 * Code run at the top of every template function (`this` is the ThemeEta). `t(key)` reads a
 * string from the view's `site.t`, then from the theme's own lang/ files: Pugo sites ship only
 * nav, post and pager strings, and a theme needs more.
 */
const TEMPLATE_HEADER =
  'const t = (k) => { const s = it.site && it.site.t ? it.site.t(k) : k; return s !== k ? s : this.themeString(it.site && it.site.lang, k); };';

/** Eta with the theme's strings, so templates can fall back on them. */
class ThemeEta extends Eta {
  constructor(
    root: string,
    private readonly strings: Record<string, Strings>,
  ) {
    // debug: Eta records the template line of each tag, so a render error names it; the cost is
    // one assignment per tag. Partials and layouts are compiled once and cached (cache: true).
    super({
      views: root,
      autoEscape: true,
      cache: true,
      debug: true,
      functionHeader: TEMPLATE_HEADER,
    });
  }

  /** The theme's string for `key` in `lang` ('zh-CN' falls back to 'zh'), then English, then the key. */
  themeString(lang: unknown, key: string): string {
    const code = typeof lang === 'string' ? lang : 'en';
    const own = this.strings[code] ?? this.strings[code.split('-')[0]];
    return own?.[key] ?? this.strings.en?.[key] ?? key;
  }
}

/** Loads the theme in `dir`; templates are read and compiled on first render, then reused. */
export async function loadTheme(dir: string): Promise<Theme> {
  const root = resolve(dir);
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) {
    throw new PugoError('PUGO_THEME_NOT_FOUND', `theme folder ${dir} does not exist`, {
      file: dir,
    });
  }
  const name = readThemeName(root);
  const strings = await loadThemeStrings(root);
  const eta = createEta(root, strings);
  // By template name, so a render costs one Map lookup before Eta runs the compiled function.
  const compiled = new Map<string, { file: string; fn: TemplateFunction }>();
  const present = new Map<string, boolean>();

  return {
    name,
    dir: root,
    staticDir: join(root, 'static'),
    strings,
    showsWordCount: templatesName(root, 'wordCount'),
    render(template, view) {
      let entry = compiled.get(template);
      try {
        if (!entry) {
          const file = templateFile(root, template);
          if (!file) throw new Error('the name leaves the theme folder');
          entry = { file, fn: eta.compile(readFileSync(file, 'utf8'), { filepath: file }) };
          compiled.set(template, entry);
        }
        return eta.render(entry.fn, view, { filepath: entry.file });
      } catch (err) {
        throw templateError(root, entry?.file ?? templateFile(root, template) ?? template, err);
      }
    },
    has(template) {
      let found = present.get(template);
      if (found === undefined) {
        const file = templateFile(root, template);
        found = file !== null && existsSync(file);
        present.set(template, found);
      }
      return found;
    },
  };
}

/** Whether the text of any template of the theme has `name` as a word. */
function templatesName(root: string, name: string): boolean {
  const word = new RegExp(`\\b${name}\\b`);
  return walkFiles(root, notTooling).some(
    ({ entry, abs }) =>
      entry.isFile() && entry.name.endsWith('.eta') && word.test(readFileSync(abs, 'utf8')),
  );
}

function readThemeName(root: string): string {
  const file = join(root, 'theme.toml');
  if (!existsSync(file)) return basename(root);
  const data = readToml(readFileSync(file, 'utf8'), { file, code: 'PUGO_CONFIG_INVALID' });
  return typeof data.name === 'string' && data.name ? data.name : basename(root);
}

/** The theme's lang/*.toml, read like a site's; errors name the file inside the theme. */
async function loadThemeStrings(root: string): Promise<Record<string, Strings>> {
  const { langs, problems } = await loadLang(root);
  // A site's broken lang file is the writer's to fix later; a theme's is a broken theme.
  const [first] = problems;
  if (first) {
    const message = first.message.slice(0, first.message.lastIndexOf(';'));
    throw new PugoError(first.code as PugoErrorCode, message, {
      file: join(root, first.file),
      line: first.line,
    });
  }
  return langs;
}

function createEta(root: string, strings: Record<string, Strings>): ThemeEta {
  const eta = new ThemeEta(root, strings);
  // Wrap compile so a syntax error in a partial names that partial, not the page including it.
  const compile: Eta['compile'] = eta.compile;
  eta.compile = function compileNamed(this: ThisParameterType<Eta['compile']>, source, options) {
    try {
      return compile.call(this, source, options);
    } catch (err) {
      const file = options?.filepath ?? '';
      throw new TemplateFault(file, syntaxErrorLine(eta, source, err), err);
    }
  };
  // Eta keys its own path cache with JSON.stringify on every include; a plain Map is cheaper, and
  // bounded by the theme's (including file, included name) pairs.
  const resolvePath = eta.resolvePath;
  const resolved = new Map<string, string>();
  eta.resolvePath = function resolveCached(
    this: ThisParameterType<Eta['resolvePath']>,
    name,
    options,
  ) {
    const key = `${options?.filepath ?? ''}\0${name}`;
    let file = resolved.get(key);
    if (file === undefined) {
      file = resolvePath.call(this, name, options);
      resolved.set(key, file);
    }
    return file;
  };
  return eta;
}

/** A template problem located before the render boundary turns it into a PugoError. */
class TemplateFault extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly original: unknown,
  ) {
    super(messageOf(original));
  }
}

/** The file of a template name ('post', 'partials/pager'); null when it would leave the theme. */
function templateFile(root: string, template: string): string | null {
  const file = join(root, template.endsWith('.eta') ? template : `${template}.eta`);
  const rel = relative(root, file);
  return rel.startsWith('..') || isAbsolute(rel) ? null : file;
}

/** Eta's runtime errors nest one per include: "<file>:<line>\n<context>\n\n<inner message>". */
const RUNTIME_HEAD = /^(.+\.eta):(\d+)\n/;

/** Finds the innermost template and line of a render failure and wraps it with its cause. */
function templateError(root: string, file: string, err: unknown): PugoError {
  let where: { file: string; line: number | undefined } = { file, line: undefined };
  let reason: unknown = err;
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e instanceof TemplateFault) {
      where = { file: e.file || where.file, line: e.line };
      reason = e.original;
      break;
    }
    const head = RUNTIME_HEAD.exec(e.message);
    reason = e;
    if (!head) break;
    where = { file: head[1], line: Number(head[2]) };
  }
  const name = relative(root, where.file) || basename(where.file);
  const at = where.line ? ` line ${where.line}` : '';
  const text =
    (reason as NodeJS.ErrnoException)?.code === 'ENOENT' ? 'no such template' : messageOf(reason);
  return new PugoError('PUGO_TEMPLATE_ERROR', `template ${name}${at}: ${firstLine(text)}`, {
    file: where.file,
    line: where.line,
    cause: reason,
  });
}

/**
 * Eta reports "unclosed tag at line N" itself, but a JavaScript syntax error inside a tag comes
 * from `new Function` without a line. Compiling the generated code as a script gives the line of
 * the generated code; the nearest `__eta.line=N` marker above it is the template line.
 */
function syntaxErrorLine(eta: Eta, source: string, err: unknown): number | undefined {
  const own = /at line (\d+) col/.exec(messageOf(err));
  if (own) return Number(own[1]);
  let code: string;
  try {
    code = eta.compileToString(source);
  } catch {
    return undefined;
  }
  try {
    new Script(`(function (it, options) {\n${code}\n})`);
    return undefined;
  } catch (e) {
    const at = /:(\d+)\n/.exec(e instanceof Error ? (e.stack ?? '') : '');
    if (!at) return undefined;
    const lines = code.split('\n').slice(0, Number(at[1]) - 1);
    for (let i = lines.length - 1; i >= 0; i--) {
      const marker = /^__eta\.line=(\d+)$/.exec(lines[i]);
      if (marker) return Number(marker[1]);
    }
    return undefined;
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The first meaningful line of an Eta message, without its "Bad template syntax" banner. */
function firstLine(text: string): string {
  return text
    .replace(/^Bad template syntax\s*/, '')
    .split('\n')[0]
    .trim()
    .replace(/:$/, '');
}

// PugoError: every failure a user can cause carries a stable code, and the file and line it names.

/** Every code pugo raises. The README's error table lists each; a test keeps the two in step. */
export const ERROR_CODES = {
  PUGO_USAGE: 'a command-line flag or argument is missing or invalid',
  PUGO_CONFIG_MISSING: 'the site folder has no meta.toml, meta.ini, or config.toml beside content/',
  PUGO_CONFIG_INVALID:
    'the settings file (meta.toml, meta.ini, config.toml), a lang file or theme.toml does not parse or has a field of the wrong type',
  PUGO_EMPTY_FILE: 'a post or page file is empty',
  PUGO_NOT_UTF8: 'a post or page file is not valid UTF-8 (or is binary)',
  PUGO_FILE_TOO_LARGE: 'a post or page file is larger than the limit',
  PUGO_RENDER_LIMIT:
    'a post or page took longer than the time limit, or more memory than a worker has, to render',
  PUGO_FRONT_MATTER_MISSING: 'a post or page does not start with a front-matter block',
  PUGO_FRONT_MATTER_UNTERMINATED: 'a front-matter block is opened but never closed',
  PUGO_FRONT_MATTER_INVALID: 'the front matter is not valid TOML, YAML (or INI)',
  PUGO_FIELD_INVALID: 'a front-matter field has the wrong type or value',
  PUGO_DATE_INVALID: 'a date is in a form pugo does not read',
  PUGO_UNKNOWN_AUTHOR: 'a post names an author that meta.toml does not list (a warning)',
  PUGO_DUPLICATE_SLUG: 'two posts or pages would be served at the same URL',
  PUGO_THEME_NOT_FOUND: 'the theme folder does not exist',
  PUGO_TEMPLATE_ERROR: 'a theme template failed to compile or render',
  PUGO_STORE_LOCKED: 'another pugo process holds the store',
  PUGO_STORE_CORRUPT: 'the store could not be opened or read and was rebuilt',
  PUGO_EXISTS: 'pugo new would overwrite an existing file',
  PUGO_BAD_PATH: 'a request path is malformed or tries to leave its root',
  PUGO_LISTEN: 'the server could not listen on its address (port in use, or not permitted)',
  PUGO_DISK_FULL: 'no space left on the device while pugo wrote the store or dest/ (exit 74)',
  PUGO_READ_ONLY:
    'a folder pugo must write (the store, dest/) is on a read-only file system (exit 74)',
  PUGO_NO_PERMISSION: 'pugo may not read or write a file or folder it needs (exit 74)',
  PUGO_TOO_MANY_FILES: 'the process ran out of open file handles (exit 74)',
  PUGO_CONTENT_GONE:
    'the content folder is not there (moved, unmounted): the site is served as it was, not emptied',
  PUGO_DEPLOY_GIT:
    'pugo deploy git needs the git command, which is not installed or failed on its own scratch copy',
  PUGO_DEPLOY_REMOTE:
    'pugo deploy git cannot read the remote (no such repository, unreachable, or not permitted)',
  PUGO_DEPLOY_REFUSED:
    'the remote refused the deploy push (the branch moved meanwhile, a hook, or no permission)',
  PUGO_DRILL_REFUSED:
    'a leak drill (serve --drill) needs --debug and a site listening on a loopback address',
  PUGO_IMAGE_UNUSABLE:
    'an image of media/ cannot be read or is too big to resize: it is served as is, without WebP variants (a warning)',
  PUGO_DEBUG_EXPOSED:
    'the debug listener would listen on a non-loopback address without [debug] token',
} as const;

export type PugoErrorCode = keyof typeof ERROR_CODES;

export interface PugoErrorOptions {
  file?: string;
  line?: number;
  cause?: unknown;
}

export class PugoError extends Error {
  readonly code: PugoErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(code: PugoErrorCode, message: string, { file, line, cause }: PugoErrorOptions = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'PugoError';
    this.code = code;
    this.file = file;
    this.line = line;
  }

  /**
   * "content/post/a.md:4: tags must be an array of strings [PUGO_FIELD_INVALID]"; `showPath`
   * turns the file into the form a user can open (relative to the current folder, say).
   */
  describe(showPath: (file: string) => string = (file) => file): string {
    const where = this.file ? `${showPath(this.file)}${this.line ? `:${this.line}` : ''}: ` : '';
    return `${where}${this.message} [${this.code}]`;
  }
}

export function isPugoError(err: unknown): err is PugoError {
  return err instanceof PugoError;
}

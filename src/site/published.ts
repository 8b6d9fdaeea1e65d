// What a static root publishes: one rule for the server and the build, so both give out the same
// files. Kept apart from server/static-files.ts, so a build does not load the server's MIME tables.

export interface StaticRoot {
  /** URL prefix ending in '/': '/' or '/media/'. */
  prefix: string;
  dir: string;
  /** Leave out .md files: Pugo 0.10 neither copied nor served the notes kept in media/. */
  skipMarkdown?: boolean;
}

/** A dotfile or dot-folder on the way: `.env`, `.git/`, `.DS_Store`. */
const PRIVATE = /(^|\/)\./;
const WELL_KNOWN = '.well-known/';

/**
 * Whether a root gives out the file at `rel` (a path under it), for the server and the build
 * alike, so both publish the same files. Dotfiles and dot-folders are a writer's private files
 * (secrets, a repository, the Finder's notes) and are neither served nor built; a `.well-known/`
 * folder at the top of a root is published (RFC 8615: security.txt, ACME challenges).
 */
export function servesFile(root: StaticRoot, rel: string): boolean {
  const path = rel.replace(/^\/+/, '');
  if (root.skipMarkdown && /\.md$/i.test(path)) return false;
  return !PRIVATE.test(path.startsWith(WELL_KNOWN) ? path.slice(WELL_KNOWN.length) : path);
}

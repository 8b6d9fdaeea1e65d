// What every check of a built site gets: where it is, its files, its public root, the schemas.

import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot, schemasDir } from './repo-paths.js';
import { siteBase } from './site-base.js';
import { listFiles } from './site-files.js';

export interface SiteContext {
  /** The built site (absolute). */
  dir: string;
  /** Its files, '/'-separated and sorted. */
  files: string[];
  /** The public root every absolute link starts with, e.g. http://fuxiaohei.me/. */
  base: URL;
  /** The folder with atom.rnc, sitemap.xsd, siteindex.xsd. */
  schemas: string;
  /** The pugo repo (for node_modules tools). */
  repo: string;
  /** The site's source folder (--content), when given. */
  content?: string;
}

export interface ContextFlags {
  dir: string;
  content?: string;
  schemas?: string;
}

/**
 * The schema files the checks use, from ../shared/schemas beside the repo (or --schemas): the
 * W3C and sitemaps.org schemas are not pugo's to ship, so a clone without shared/ lacks them.
 */
export const SCHEMA_FILES = { atom: ['atom.rnc'], sitemap: ['sitemap.xsd', 'siteindex.xsd'] };

/** The schema `name` in the context's schemas folder, or null when it is not there. */
export function schemaFile(ctx: SiteContext, name: string): string | null {
  const file = resolve(ctx.schemas, name);
  return existsSync(file) ? file : null;
}

export function createSiteContext(flags: ContextFlags): SiteContext {
  const dir = resolve(flags.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`${flags.dir} is not a folder: pass the dest folder of a pugo build`);
  }
  const repo = repoRoot();
  return {
    dir,
    files: listFiles(dir),
    base: siteBase(dir, flags.content),
    schemas: schemasDir(flags.schemas, repo),
    repo,
    content: flags.content === undefined ? undefined : resolve(flags.content),
  };
}

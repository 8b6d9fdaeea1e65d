// [build] link formats, the same keys in both layouts (Pugo 2022's names); each layout has its
// own Pugo's URLs as the defaults.

import { checkLinkFormat, type LinkVar } from '../content/link-formats.js';
import type { TableReader } from './fields.js';
import type { LinkFormats } from './site-config.js';

const DATE: LinkVar[] = ['Date.Year', 'Date.Month', 'Date.Day', 'Date.M', 'Date.D'];

/** Each format: its key in [build], and the placeholders it may name. */
const KEYS: Record<keyof LinkFormats, [key: string, allowed: LinkVar[]]> = {
  post: ['post_link_format', ['Slug', ...DATE]],
  page: ['page_link_format', ['Slug']],
  tag: ['tag_link_format', ['Tag']],
  tagPage: ['tag_page_link_format', ['Tag', 'Page']],
  postPage: ['post_page_link_format', ['Page']],
  archive: ['archive_link', []],
};

/** What a format must name to tell its pages apart. */
const REQUIRED: Partial<Record<keyof LinkFormats, LinkVar[]>> = {
  post: ['Slug'],
  page: ['Slug'],
  tag: ['Tag'],
  tagPage: ['Tag', 'Page'],
  postPage: ['Page'],
};

export function readLinks(build: TableReader, defaults: LinkFormats): LinkFormats {
  const links = { ...defaults };
  for (const [name, [key, allowed]] of Object.entries(KEYS) as [
    keyof LinkFormats,
    typeof KEYS.post,
  ][]) {
    const format = build.str(key, defaults[name]);
    const problem = checkLinkFormat(format, allowed);
    if (problem) build.fail(key, `a link format that ${problem}`);
    const missing = (REQUIRED[name] ?? []).find((v) => !format.includes(`.${v}`));
    if (missing) build.fail(key, `a link format naming {{.${missing}}}`);
    links[name] = format;
  }
  return links;
}

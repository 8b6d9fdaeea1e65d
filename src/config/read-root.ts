// The site's absolute root URL and its timezone, which both layouts' readers check the same way.

import { assertTimezone } from '../content/timezone.js';
import { DEFAULTS } from './defaults.js';
import type { TableReader } from './fields.js';
import type { SiteConfig } from './site-config.js';

/** `key` names the root URL's key: [meta] root in meta.toml, [site] base in config.toml. */
export function readRoot(
  t: TableReader,
  key: string,
): Pick<SiteConfig['meta'], 'root' | 'base' | 'timezone'> {
  const rootUrl = t.str(key, `http://${DEFAULTS.host}:${DEFAULTS.port}`).replace(/\/+$/, '');
  if (!URL.canParse(rootUrl)) t.fail(key, 'an absolute URL such as "https://example.com/blog"');
  const base = new URL(rootUrl).pathname.replace(/\/+$/, '');
  const timezone = t.str('timezone', DEFAULTS.timezone);
  try {
    assertTimezone(timezone);
  } catch {
    t.fail('timezone', 'an IANA zone name such as "Asia/Shanghai" or an offset such as "+08:00"');
  }
  return { root: rootUrl, base, timezone };
}

// What every site command shares: the site opened from its flags.

import type { OpenSite } from '../compose.js';
import type { Logger } from '../log.js';

export interface SiteFlags {
  content: string;
  theme: string;
  store: string;
  drafts: boolean;
  future: boolean;
}

/** The composition root is loaded here, not at start: a build with nothing to do never needs it. */
export async function openFromFlags(flags: SiteFlags, log: Logger): Promise<OpenSite> {
  const { openSite } = await import('../compose.js');
  return openSite({
    contentDir: flags.content,
    themeDir: flags.theme,
    storeDir: flags.store,
    drafts: flags.drafts,
    future: flags.future,
    log,
  });
}

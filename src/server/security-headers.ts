// Security headers on every answer of the site's port: no MIME sniffing, a referrer policy, and a
// Content-Security-Policy that allows what the site's settings load and nothing else.

import type { SiteConfig } from '../config/site-config.js';

/** Hosts a service configured in meta.toml loads scripts from and talks to. */
interface Service {
  scripts: string[];
  connects: string[];
  styles?: string[];
}

const GOOGLE_ANALYTICS: Service = {
  scripts: ['https://www.googletagmanager.com'],
  connects: [
    'https://www.googletagmanager.com',
    'https://*.google-analytics.com',
    'https://*.analytics.google.com',
  ],
};
const BAIDU_TONGJI: Service = {
  scripts: ['https://hm.baidu.com'],
  connects: ['https://hm.baidu.com'],
};
const DISQUS: Service = {
  scripts: ['https://*.disqus.com', 'https://*.disquscdn.com'],
  connects: ['https://*.disqus.com'],
  styles: ['https://*.disquscdn.com'],
};

/**
 * The policy for a site: scripts only from the site itself (the default theme has no inline
 * script) and the services meta.toml names. Images, media and frames may come from any https
 * origin, as posts embed them; inline styles are allowed because authors write `style=` in
 * markdown's HTML, and a style cannot run code.
 */
export function contentSecurityPolicy(config: SiteConfig): string {
  const services: Service[] = [];
  if (config.analytics.google) services.push(GOOGLE_ANALYTICS);
  if (config.analytics.baidu) services.push(BAIDU_TONGJI);
  if (config.comment.disqus) services.push(DISQUS);
  const hosts = (pick: (s: Service) => string[] | undefined) =>
    services.flatMap((s) => pick(s) ?? []).join(' ');
  const directives = [
    "default-src 'self'",
    `script-src 'self' ${hosts((s) => s.scripts)}`,
    `style-src 'self' 'unsafe-inline' ${hosts((s) => s.styles)}`,
    "img-src 'self' data: https:",
    "media-src 'self' https:",
    "font-src 'self' data:",
    `connect-src 'self' ${hosts((s) => s.connects)}`,
    "frame-src 'self' https:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ];
  return directives.map((d) => d.trim()).join('; ');
}

const bySettings = new WeakMap<SiteConfig, [string, string][]>();

/**
 * Header name and value pairs, set on every answer; `[server] csp` replaces the derived policy.
 * Made once per settings (a reloaded meta.toml is another object).
 */
export function securityHeaders(config: SiteConfig): [string, string][] {
  const made = bySettings.get(config);
  if (made) return made;
  const csp = config.server.csp ?? contentSecurityPolicy(config);
  const headers: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ];
  if (csp) headers.push(['Content-Security-Policy', csp]);
  bySettings.set(config, headers);
  return headers;
}

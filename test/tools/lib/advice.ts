// Which package provides each external tool, for the message a missing one gets.

export const ADVICE = {
  java: 'install the Debian package default-jre-headless (Java for the Nu HTML Checker)',
  vnu: 'install the npm package vnu-jar (npm ci)',
  jing: 'install the Debian package jing',
  xmllint: 'install the Debian package libxml2-utils',
  chromium: 'install the Debian package chromium (or set CHROME_PATH)',
  lighthouse: 'install the npm package lighthouse (npm ci)',
  linkinator: 'install the npm package linkinator (npm ci)',
  schemas: 'pass --schemas DIR, or keep shared/schemas beside the repo (../shared/schemas)',
} as const;

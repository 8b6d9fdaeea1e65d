// Debian's Chromium as every headless run here starts it: without its background networking,
// which this machine's closed network answers with refusals, and as root without the sandbox.

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

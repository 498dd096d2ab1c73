// Launches Debian's Chromium headless through playwright-core (no browser download).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p) => p && existsSync(p));
}

export async function launchChromium() {
  const executablePath = chromiumPath();
  if (!executablePath) {
    throw new Error('no Chromium found: install Debian\'s "chromium" package or set CHROMIUM_PATH');
  }
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Collects console errors and page errors of a page, for asserting there are none. */
export function collectErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    // The source URL is kept: "Failed to load resource" says which resource only there.
    const url = message.location()?.url;
    if (message.type() === 'error') errors.push(`console: ${message.text()}${url ? ` [${url}]` : ''}`);
  });
  // An uncaught error names its source by the first script URL of its stack.
  page.on('pageerror', (error) => {
    const source = /(https?:\/\/[^\s)]+?|file:\/\/[^\s)]+?)(?::\d+){1,2}\)?\s*$/m.exec(String(error.stack ?? '').split('\n').slice(1).join('\n'))?.[1];
    errors.push(`pageerror: ${error.message}${source ? ` [${source}]` : ''}`);
  });
  return errors;
}

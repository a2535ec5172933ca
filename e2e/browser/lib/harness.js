// Shared set-up of the browser suite: Debian's Chromium through playwright-core (never a
// downloaded browser), the server under test, and screenshots into e2e/out/.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const BASE = (process.env.SEN_BASE_URL || '').replace(/\/$/, '');
if (!BASE) {
  throw new Error('SEN_BASE_URL is not set: run through e2e/scripts/with-server.sh (make test-e2e)');
}

export const OUT = fileURLToPath(new URL('../../out/', import.meta.url));
mkdirSync(OUT, { recursive: true });

const CHROMIUM = process.env.SEN_CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync',
];

export async function launch() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'vi-VN' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  // Browser-side errors show in the test log: a panic in the wasm is otherwise silent.
  page.on('pageerror', (e) => console.log(`# page error: ${e.message}`));
  page.on('console', (m) => {
    // Failed requests are the tests' own doing (bad input, expired tokens); other errors are not.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      console.log(`# console error: ${m.text()}`);
    }
  });
  return { browser, context, page };
}

export function shotPath(name) {
  return `${OUT}${name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}.png`;
}

/** Runs a step; on failure, saves a screenshot named after it, then fails. */
export async function withShot(page, name, fn) {
  try {
    await fn();
  } catch (e) {
    await page.screenshot({ path: shotPath(`fail-${name}`), fullPage: true }).catch(() => {});
    throw e;
  }
}

/**
 * How the browser specs start a real browser: Debian's `chromium` package
 * driven by Playwright (playwright-core, which never downloads a browser of
 * its own). Not a spec itself; the specs of this folder import it.
 *
 * The flags are those a locked-down CI machine needs: no sandbox (CI runs as
 * root), no GPU, and none of Chromium's background connections (the machine
 * has no network beyond the package registries, and refused connections slow
 * every start). `LUCID_CHROMIUM` names another binary.
 *
 * There is no "skip when absent": `.ci/run` installs the package, and a
 * missing browser is a failure with a message saying how to install it.
 *
 * Read next: the specs of this folder.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where the browser is looked for, in order. */
const CANDIDATES = [process.env.LUCID_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']
  .filter((p): p is string => !!p);

/** The path of the Chromium binary, or an error that says how to get one. */
export function chromiumPath(): string {
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error('no Chromium found (tried ' + CANDIDATES.join(', ') +
      '): install Debian\'s package with `apt-get install chromium`, or set LUCID_CHROMIUM');
  }
  return found;
}

/**
 * A started headless browser and the function that stops it (Playwright
 * gives it a fresh temporary profile and removes it on close).
 */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

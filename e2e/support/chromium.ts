/**
 * Finds a Chromium to drive. We never download browsers (`playwright install` is not used):
 * CHROME_PATH, then Debian's chromium, then Google Chrome.
 */
import { existsSync } from 'node:fs';

export const INSTALL_HINT = 'apt-get update && apt-get install -y chromium fonts-noto-cjk';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = env.CHROME_PATH ? [env.CHROME_PATH] : CANDIDATES;
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      env.CHROME_PATH
        ? `CHROME_PATH points to ${env.CHROME_PATH}, which does not exist.`
        : `No Chromium found (looked at ${CANDIDATES.join(', ')}). Install it with: ${INSTALL_HINT}`,
    );
  }
  return found;
}

/** Flags that keep Chromium quiet on a machine with no network, as root, without a GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
];

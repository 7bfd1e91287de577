/**
 * Debian's chromium driven by playwright-core (never a downloaded browser): a fresh profile per
 * launch, the project's fixed launch flags. Where chromium is missing, `chromiumMissing` says why
 * so that browser tests report themselves skipped instead of failing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Why the browser tests cannot run here, or undefined when they can. In CI on a machine with apt
 * the browser must be there (.ci/run installs it): its absence is an error, not a skip.
 */
export function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `Debian chromium is not installed at ${CHROMIUM_PATH} (apt-get install -y chromium; .ci/run does it)`;
  if (process.env['CI'] && existsSync('/usr/bin/apt-get'))
    throw new Error(`${reason}, and this CI machine has apt-get: the browser test must run here`);
  return reason;
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'hjsim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

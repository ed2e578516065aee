/**
 * Debian's Chromium through playwright-core, launched the one way that works on our machines
 * and in CI (`npx playwright install` cannot download here). Used by the browser tests of every
 * workspace and by the bench.
 */
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, ...options, args: [...chromiumArgs, ...(options.args ?? [])] });
}

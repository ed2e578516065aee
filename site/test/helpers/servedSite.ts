/**
 * The fixture build served as the CDN serves it, and one Chromium, for a browser test file:
 * started before its tests and stopped after them (vitest hooks registered by the call).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

import { launchChromium } from '../../../scripts/src/browser';
import { serveAsCdn } from './serveAsCdn';

export type ServedSite = { readonly origin: string; readonly browser: Browser };

export function useServedSite(): ServedSite {
  let server: Awaited<ReturnType<typeof serveAsCdn>> | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await serveAsCdn();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get origin() {
      if (!server) throw new Error('the fixture site is served only while the tests run');
      return server.origin;
    },
    get browser() {
      if (!browser) throw new Error('Chromium runs only while the tests run');
      return browser;
    },
  };
}

/**
 * Installing the site to the home screen, in a real Chromium (Debian's, through playwright-core)
 * on the fixture build served as the CDN serves it: Chromium's own installability check passes
 * on the home page of French, Arabic and Tigrinya, and the app started without a network opens
 * on the offline page of its language.
 *
 * A persistent profile, not Playwright's default context: Chromium never offers to install from
 * an incognito-like profile, and says so as an installability error.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { directionOf, sitePaths, type Locale } from '@passerelle/content-schemas';

import { chromiumArgs, chromiumPath } from '../../../scripts/src/browser';
import { translator } from '../../src/lib/i18n';
import { webAppPaths } from '../../src/lib/webApp';
import { fixtureFiche } from '../helpers/dist';
import { serveAsCdn } from '../helpers/serveAsCdn';

let server: Awaited<ReturnType<typeof serveAsCdn>>;
let profile: string;
let context: BrowserContext;
let problems: string[] = [];

beforeAll(async () => {
  server = await serveAsCdn();
  profile = await mkdtemp(path.join(tmpdir(), 'passerelle-webapp-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: [...chromiumArgs],
    viewport: { width: 390, height: 844 },
  });
  context.on('page', (page) => {
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      // Offline, the browser itself logs the service worker's failed update check and the manifest it cannot fetch.
      if (
        message.type() === 'error' &&
        !/ERR_INTERNET_DISCONNECTED|Failed to fetch|fetching the script|Manifest/.test(message.text())
      )
        problems.push(`${page.url()}: ${message.text()}`);
    });
  });
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

afterEach(() => {
  const found = problems;
  problems = [];
  expect(found).toEqual([]);
});

async function open(urlPath: string): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(`${server.origin}${urlPath}`, { waitUntil: 'load' });
  expect(response?.ok(), urlPath).toBe(true);
  return page;
}

type AppManifest = { url: string; errors: { message: string }[]; data?: string };

describe('the web app', () => {
  it.each<Locale>(['fr', 'ar', 'ti'])('passes Chromium’s installability check from the %s home page', async (locale) => {
    const page = await open(sitePaths.home(locale));
    const cdp = await context.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as AppManifest;
    expect(manifest.url).toBe(`${server.origin}${webAppPaths.manifest(locale)}`);
    expect(manifest.errors).toEqual([]);
    expect(JSON.parse(manifest.data ?? '{}')).toMatchObject({
      lang: locale,
      dir: directionOf(locale),
      start_url: sitePaths.home(locale),
    });
    // Chromium checks the manifest, its icons and the page; the answer may take a moment while it fetches them.
    let errors: { errorId: string }[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1) {
      ({ installabilityErrors: errors } = (await cdp.send('Page.getInstallabilityErrors')) as {
        installabilityErrors: { errorId: string }[];
      });
      if (errors.length === 0) break;
      await page.waitForTimeout(500);
    }
    expect(errors.map((error) => error.errorId)).toEqual([]);
    await page.close();
  });

  it('opens on the offline page of its language when started without a network', async () => {
    // A reader reads a fiche, installs the Arabic app, and later starts it offline.
    const fiche = await open(sitePaths.fiche('ar', fixtureFiche('carte-vitale')));
    await fiche.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    const cdp = await context.newCDPSession(fiche);
    const { data } = (await cdp.send('Page.getAppManifest')) as AppManifest;
    const startUrl = new URL((JSON.parse(data ?? '{}') as { start_url: string }).start_url, server.origin);
    // The tests above opened the home pages in this profile, and a worker that activates keeps the
    // pages open at that moment: forget any kept start page, so this reader has read only the fiche.
    await fiche.evaluate(async (start) => {
      for (const name of await caches.keys()) await (await caches.open(name)).delete(start);
    }, startUrl.pathname);
    await context.setOffline(true);
    try {
      const app = await context.newPage();
      const response = await app.goto(startUrl.href);
      expect(response?.ok()).toBe(true);
      expect(new URL(app.url()).pathname).toBe(sitePaths.home('ar'));
      expect(await app.locator('html').getAttribute('lang')).toBe('ar');
      expect(await app.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await app.locator('h1').textContent()).toBe(translator('ar')('offline.title'));
      await app.close();
    } finally {
      await context.setOffline(false);
    }
    await fiche.close();
  });
});

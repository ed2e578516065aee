/**
 * The fixture build in a real browser (Debian's Chromium through playwright-core): readable
 * with JavaScript off, skip link and sections by keyboard, RTL layout, print. Accessibility
 * audits and the keyboard path through the site are in accessibility.test.ts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { localeCodes, sitePaths } from '@passerelle/content-schemas';

import { fixtureFiche } from '../helpers/dist';
import { useServedSite } from '../helpers/servedSite';

const carteVitale = fixtureFiche('carte-vitale');
const puma = fixtureFiche('protection-universelle-maladie');
const fallbackPath = sitePaths.fiche('fa', puma);

const served = useServedSite();

async function open(urlPath: string, options: { javaScriptEnabled?: boolean; width?: number } = {}): Promise<Page> {
  const context = await served.browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: options.width ?? 390, height: 844 },
  });
  const page = await context.newPage();
  const response = await page.goto(`${served.origin}${urlPath}`);
  expect(response?.status() === 200 || urlPath.includes('404'), urlPath).toBe(true);
  return page;
}

describe('without JavaScript', () => {
  it.each([sitePaths.fiche('ar', carteVitale), fallbackPath])(
    '%s shows its title, practical information and first section',
    async (urlPath) => {
      const page = await open(urlPath, { javaScriptEnabled: false });
      await expect(page.locator('h1').isVisible()).resolves.toBe(true);
      await expect(page.locator('.infocards').isVisible()).resolves.toBe(true);
      const firstSectionText = await page.locator('details.fiche-section[open] .rich-text').first().innerText();
      expect(firstSectionText.length).toBeGreaterThan(50);
      await expect(page.locator('.language-switcher summary').isVisible()).resolves.toBe(true);
      await page.context().close();
    },
  );
});

describe('keyboard', () => {
  it('reaches the skip link first and lands in the main content', async () => {
    const page = await open(sitePaths.fiche('ar', carteVitale));
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('href'))).resolves.toBe('#content');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => location.hash)).resolves.toBe('#content');
    await page.context().close();
  });

  it('opens a closed section with Enter on its summary', async () => {
    const page = await open(sitePaths.fiche('fr', carteVitale));
    const summary = page.locator('details.fiche-section:not([open]) > summary').first();
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('details.fiche-section:not([open])').count()).resolves.toBe(
      (await page.locator('details.fiche-section').count()) - 2,
    );
    await page.context().close();
  });
});

describe('right to left', () => {
  it('lays Arabic pages out from the right, and the French fallback block from the left', async () => {
    const page = await open(fallbackPath, { width: 1024 });
    await expect(page.evaluate(() => getComputedStyle(document.body).direction)).resolves.toBe('rtl');
    await expect(page.locator('.fiche-body').evaluate((element) => getComputedStyle(element).direction)).resolves.toBe('ltr');
    const items = await page
      .locator('.fr-breadcrumb__list > li')
      .evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().x));
    expect(items[0]).toBeGreaterThan(items[1] ?? Infinity);
    await page.context().close();
  });
});

describe('sitemaps', () => {
  it('are well-formed XML for a strict parser', async () => {
    const page = await open('/robots.txt');
    const errors = await page.evaluate(
      async (files) => {
        const problems: string[] = [];
        for (const file of files) {
          const text = await (await fetch(file)).text();
          const parsed = new DOMParser().parseFromString(text, 'application/xml');
          if (parsed.querySelector('parsererror')) problems.push(file);
        }
        return problems;
      },
      ['/sitemap-index.xml', ...localeCodes.map((locale) => sitePaths.sitemap(locale))],
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('print', () => {
  it('prints every section, even closed ones', async () => {
    const page = await open(sitePaths.fiche('ar', carteVitale));
    await page.emulateMedia({ media: 'print' });
    const hidden = await page
      .locator('details.fiche-section:not([open]) .rich-text')
      .evaluateAll((elements) => elements.filter((element) => element.getBoundingClientRect().height === 0).length);
    expect(hidden).toBe(0);
    await page.context().close();
  });
});

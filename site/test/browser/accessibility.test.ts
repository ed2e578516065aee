/**
 * Accessibility gates on the fixture build, served as the CDN serves it (compression, headers,
 * Content-Security-Policy): axe-core finds no WCAG 2.2 A/AA violation on any URL of the sitemaps
 * — every language — nor on the kinds of page sitemaps leave out (language chooser, short links,
 * 404s, French fallbacks, départements without a local fiche); and a reader using only the keyboard goes home → theme → fiche → search →
 * result, seeing where the focus is at every step.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { XMLParser } from 'fast-xml-parser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { departements, localeCodes, sitePaths, type Locale } from '@passerelle/content-schemas';
import { textIn } from '../../src/lib/render/fallback';

import { launchChromium } from '../../../scripts/src/browser';
import { axeViolations } from '../helpers/axe';
import { fixtureFiche, fixtureFiches } from '../helpers/dist';
import { testDistDir, testSiteUrl } from '../helpers/paths';
import { serveAsCdn } from '../helpers/serveAsCdn';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveAsCdn>>;
let origin: string;

beforeAll(async () => {
  server = await serveAsCdn();
  origin = server.origin;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The page paths a language's sitemap lists. */
function sitemapPaths(locale: Locale): string[] {
  const xml = readFileSync(path.join(testDistDir, sitePaths.sitemap(locale).slice(1)), 'utf8');
  const parsed = new XMLParser({ isArray: (name) => name === 'url' }).parse(xml) as { urlset: { url: { loc: string }[] } };
  return parsed.urlset.url.map(({ loc }) => {
    expect(loc.startsWith(testSiteUrl), loc).toBe(true);
    return loc.slice(testSiteUrl.length);
  });
}

/** Opens each path in turn in one tab and collects the violations, page by page. */
async function audit(paths: string[]): Promise<string[]> {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`${page.url()}: page error ${error.message}`));
  try {
    for (const urlPath of paths) {
      const response = await page.goto(`${origin}${urlPath}`);
      if (!response || (response.status() !== 200 && !urlPath.endsWith('404.html')))
        problems.push(`${urlPath}: HTTP ${response?.status()}`);
      for (const violation of await axeViolations(page)) problems.push(`${urlPath}: ${violation}`);
    }
  } finally {
    await page.context().close();
  }
  return problems;
}

describe('axe on every URL of the sitemaps', () => {
  it.each(localeCodes)(
    '%s: no violation',
    async (locale) => {
      const paths = sitemapPaths(locale);
      // The sitemap is the list of indexable pages: home, search, themes, départements, fiches…
      expect(paths).toContain(sitePaths.home(locale));
      expect(paths).toContain(sitePaths.departement(locale, '31'));
      expect(paths.length).toBeGreaterThan(20);
      expect(await audit(paths)).toEqual([]);
    },
    600_000,
  );
});

describe('axe on pages the sitemaps leave out', () => {
  it('language chooser, short links, 404 pages, French fallbacks, a département without local fiche: no violation', async () => {
    const fiches = fixtureFiches();
    const listed = new Set(sitemapPaths('fr'));
    const withoutLocalFiche = departements.find((departement) => !listed.has(sitePaths.departement('fr', departement.code)));
    if (!withoutLocalFiche) throw new Error('Every département has a local fiche in the fixtures');
    const fallbacks = fiches.flatMap((fiche) =>
      localeCodes.filter((locale) => !fiche.translatedLocales.includes(locale)).map((locale) => sitePaths.fiche(locale, fiche)),
    );
    expect(fallbacks.length).toBeGreaterThan(0);
    const paths = [
      sitePaths.languageChooser(),
      '/404.html',
      ...localeCodes.map((locale) => sitePaths.notFound(locale)),
      ...fiches.map((fiche) => sitePaths.shortLink(fiche.shortId)),
      ...fallbacks,
      ...localeCodes.map((locale) => sitePaths.departement(locale, withoutLocalFiche.code)),
    ];
    expect(await audit(paths)).toEqual([]);
  }, 600_000);
});

describe('axe on the fiche history, opened', () => {
  it('a history with notes in Arabic and in French, and a fiche with its overdue notice (fa, RTL): no violation', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    const problems: string[] = [];
    try {
      for (const urlPath of [
        sitePaths.fiche('ar', fixtureFiche('carte-vitale')),
        sitePaths.fiche('fa', fixtureFiche('permanence-sante-exil')),
      ]) {
        await page.goto(`${origin}${urlPath}`);
        // Opened from the keyboard, as a reader would.
        await page.locator('details.fiche-history summary').focus();
        await page.keyboard.press('Enter');
        expect(await page.locator('details.fiche-history').getAttribute('open'), urlPath).not.toBeNull();
        for (const violation of await axeViolations(page)) problems.push(`${urlPath}: ${violation}`);
      }
    } finally {
      await page.context().close();
    }
    expect(problems).toEqual([]);
  }, 120_000);
});

/** Presses Tab until the focus is on a link to `href`; fails after `limit` presses. */
async function tabTo(page: Page, href: string, limit = 120): Promise<void> {
  for (let pressed = 0; pressed < limit; pressed += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? null);
    if (focused === href) return;
  }
  throw new Error(`${href} was not reached with ${limit} presses of Tab on ${page.url()}`);
}

/**
 * Whether the focused element shows a focus indicator: an outline on the element, or — for the
 * DSFR's whole-card links (`fr-enlarge-link`) — on its `::before`, which covers the card.
 */
function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return false;
    return [getComputedStyle(element), getComputedStyle(element, '::before')].some(
      (style) => (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
    );
  });
}

describe('keyboard only', () => {
  it('goes home → theme → fiche → search → result, with a visible focus at every step', async () => {
    const carteVitale = fixtureFiche('carte-vitale');
    const fichePath = sitePaths.fiche('fr', carteVitale);
    const themePath = sitePaths.theme('fr', 'health');
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    try {
      await page.goto(`${origin}${sitePaths.home('fr')}`);

      await tabTo(page, themePath);
      expect(await focusIsVisible(page)).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}${themePath}`);

      await tabTo(page, fichePath);
      expect(await focusIsVisible(page)).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}${fichePath}`);
      expect(await page.locator('h1').innerText()).toBe(textIn(carteVitale.title, 'fr')?.value);

      await tabTo(page, sitePaths.search('fr'));
      expect(await focusIsVisible(page)).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}${sitePaths.search('fr')}`);

      // The search box is reached by Tab too, then typed into; Enter submits.
      for (
        let pressed = 0;
        pressed < 60 && (await page.evaluate(() => document.activeElement?.id)) !== 'search-q';
        pressed += 1
      ) {
        await page.keyboard.press('Tab');
      }
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');
      await page.keyboard.type('carte vitale');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`.search-results__list a[href="${fichePath}"]`);

      await tabTo(page, fichePath);
      expect(await focusIsVisible(page)).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}${fichePath}`);
    } finally {
      await page.context().close();
    }
  }, 120_000);
});

/**
 * Site search in a real browser (Debian's Chromium through playwright-core) on the fixture build,
 * served compressed (gzip/brotli) by the project's static server under the site's
 * Content-Security-Policy: nothing of the search loads before the search box is used, French and
 * Arabic searches with words, département and theme filters, results in the page's language, a
 * shareable URL, keyboard only, axe, and the byte budgets measured from the browser's network log.
 * French-only fiches in Pashto and Arabic: found by the names of their themes and needs in that
 * language and by French words, listed after the translated fiches and marked as French.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { parseDocuments, sitePaths, type Locale } from '@passerelle/content-schemas';
import { valueIn } from '../../src/lib/render/fallback';

import { resultsPerBatch } from '../../src/client/searchApp';
import { translator } from '../../src/lib/i18n';
import { ficheSearchFilters, pagefindFilters, type SearchQuery } from '../../src/lib/render/searchFilters';
import { fixtureFiche, fixtureFiches } from '../helpers/dist';
import { fixtureSnapshotDir } from '../helpers/paths';
import { serveAsCdn } from '../helpers/serveAsCdn';
import { launchChromium } from '../../../scripts/src/browser';

const KB = 1024;
const budgets = { untilFirstResults: 120 * KB, laterQuery: 15 * KB };

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const fixture = (collection: 'themes' | 'needs' | 'structures') =>
  new Map(
    parseDocuments(collection, JSON.parse(readFileSync(path.join(fixtureSnapshotDir, `${collection}.json`), 'utf8'))).map(
      (document) => [document.id, document],
    ),
  );
const lookup = { themes: fixture('themes'), needs: fixture('needs'), structures: fixture('structures') };

/**
 * The fiche pages a filter-only search must find, worked out from the fixtures, in the order it
 * lists them: the fiches translated into the language by title in its alphabetical order, then
 * the French-only ones by French title.
 */
function expectedResults(locale: Locale, filters: SearchQuery['filters']): string[] {
  const fiches = fixtureFiches();
  const translated = (fiche: (typeof fiches)[number]) => fiche.translatedLocales.includes(locale);
  const title = (fiche: (typeof fiches)[number]) =>
    (translated(fiche) ? valueIn(fiche.title, locale) : valueIn(fiche.title, 'fr')) ?? '';
  return fiches
    .filter((fiche) => {
      const values = ficheSearchFilters(fiche, lookup);
      return Object.entries(pagefindFilters(filters)).every(([name, filter]) => {
        const carried = values[name as keyof typeof values];
        return typeof filter === 'string' ? carried.includes(filter) : filter.any.some((value) => carried.includes(value));
      });
    })
    .sort(
      (a, b) => Number(translated(b)) - Number(translated(a)) || title(a).localeCompare(title(b), translated(a) ? locale : 'fr'),
    )
    .map((fiche) => sitePaths.fiche(locale, fiche));
}

let browser: Browser;
let server: Awaited<ReturnType<typeof serveAsCdn>>;
let origin: string;
/** Console errors, failed requests and CSP violations of the current test: there must be none. */
let problems: string[] = [];

beforeAll(async () => {
  server = await serveAsCdn();
  origin = server.origin;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(() => {
  expect(problems).toEqual([]);
  problems = [];
});

type NetworkLog = { urls: () => string[]; bytes: () => Promise<number>; reset: () => void };

/** Every response of the page with its size on the wire (compressed body and headers). */
function networkLog(page: Page): NetworkLog {
  let entries: { url: string; size: Promise<number> }[] = [];
  page.on('requestfinished', (request) => {
    const size = request.sizes().then((sizes) => sizes.responseBodySize + sizes.responseHeadersSize);
    // A test that never asks for the bytes may close its page first: only bytes() should see that rejection.
    size.catch(() => undefined);
    entries.push({ url: request.url(), size });
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  return {
    urls: () => entries.map((entry) => entry.url.slice(origin.length)),
    bytes: async () => (await Promise.all(entries.map((entry) => entry.size))).reduce((total, size) => total + size, 0),
    reset: () => (entries = []),
  };
}

async function open(urlPath: string): Promise<{ page: Page; network: NetworkLog }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  const network = networkLog(page);
  const response = await page.goto(`${origin}${urlPath}`, { waitUntil: 'networkidle' });
  expect(response?.status()).toBe(200);
  return { page, network };
}

/** Waits for the search started by the last action: the URL holds it, then the answer is shown. */
async function searched(page: Page, urlPart: string): Promise<void> {
  await page.waitForURL((url) => decodeURIComponent(url.search.replace(/\+/g, ' ')).includes(urlPart));
  await page.waitForFunction(() => {
    const results = document.querySelector('[data-search-results]');
    return (
      results !== null &&
      !results.hasAttribute('aria-busy') &&
      (document.querySelector('[data-search-status]')?.textContent ?? '') !== ''
    );
  });
}

const resultLinks = (page: Page) =>
  page.locator('.search-results__list a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
const status = (page: Page) => page.locator('[data-search-status]').innerText();

async function choose(page: Page, filter: string, value: string): Promise<void> {
  const details = page.locator('details.search-filters');
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) await details.locator('summary').click();
  await page.selectOption(`select[name="${filter}"]`, value);
}

/** Asks for more results, a batch at a time, until the button is gone: every result is listed. */
async function showAll(page: Page): Promise<void> {
  const more = page.locator('[data-search-more]');
  while (await more.isVisible()) {
    const shown = (await resultLinks(page)).length;
    await more.click();
    await page.waitForFunction((before) => document.querySelectorAll('.search-results__list a').length > before, shown);
  }
}

describe('search', () => {
  it('loads nothing of the search before the box is used, then searches in French within the byte budgets', async () => {
    const { page, network } = await open(sitePaths.search('fr'));
    const pageBytes = await network.bytes();
    expect(network.urls().filter((url) => url.startsWith('/pagefind/') || url.includes('searchApp'))).toEqual([]);

    network.reset();
    await page.locator('#search-q').fill('carte vitale');
    await page.keyboard.press('Enter');
    await searched(page, 'q=carte vitale');
    const firstResults = await network.bytes();
    expect(network.urls().some((url) => url.startsWith('/pagefind/wasm.fr.'))).toBe(true);
    expect(firstResults).toBeLessThanOrEqual(budgets.untilFirstResults);
    expect(await resultLinks(page)).toHaveLength(resultsPerBatch);
    await showAll(page);
    const links = await resultLinks(page);
    expect(links).toContain(sitePaths.fiche('fr', fixtureFiche('carte-vitale')));
    expect(links.every((link) => link.startsWith('/fr/'))).toBe(true);
    expect(await status(page)).toBe(translator('fr')('search.countFor', { query: 'carte vitale', count: links.length }));

    network.reset();
    await page.locator('#search-q').fill('garde');
    await page.keyboard.press('Enter');
    await searched(page, 'q=garde');
    const laterWords = await network.bytes();
    expect(network.urls().some((url) => url.startsWith('/pagefind/fragment/'))).toBe(true);
    expect(laterWords).toBeLessThanOrEqual(budgets.laterQuery);
    expect(await resultLinks(page)).toContain(sitePaths.fiche('fr', fixtureFiche('halte-garderie-insertion')));

    network.reset();
    await page.locator('#search-q').fill('carte vitale');
    await choose(page, 'departement', '38');
    await searched(page, 'departement=38');
    const laterFilter = await network.bytes();
    expect(laterFilter).toBeLessThanOrEqual(budgets.laterQuery);
    const in38 = await resultLinks(page);
    expect(in38).toContain(sitePaths.fiche('fr', fixtureFiche('carte-vitale')));
    expect(in38).not.toContain(sitePaths.fiche('fr', fixtureFiche('permanence-sante-exil')));

    network.reset();
    await page.locator('#search-q').fill('');
    await choose(page, 'theme', 'family');
    await searched(page, 'theme=family');
    expect(await network.bytes()).toBeLessThanOrEqual(budgets.laterQuery);
    expect(await resultLinks(page)).toEqual(expectedResults('fr', { departement: '38', theme: 'family' }));
    expect(page.url()).toBe(`${origin}${sitePaths.search('fr')}?theme=family&departement=38`);
    console.info(
      `search bytes (fr, compressed): page ${pageBytes} B before use; ${firstResults} B until first results; later queries: ${laterWords} B (new word), ${laterFilter} B (filter)`,
    );
    await page.context().close();
  });

  it('searches in Arabic with words, a département and a theme, and opens a result in Arabic', async () => {
    const { page } = await open(sitePaths.search('ar'));
    await page.locator('#search-q').fill('تولوز');
    await page.keyboard.press('Enter');
    await searched(page, 'q=تولوز');
    expect(await resultLinks(page)).toContain(sitePaths.fiche('ar', fixtureFiche('permanence-sante-exil')));
    expect(await status(page)).toContain('«تولوز»');

    await page.locator('#search-q').fill('');
    await choose(page, 'departement', '31');
    await searched(page, 'departement=31');
    const in31 = expectedResults('ar', { departement: '31' });
    expect(in31).toContain(sitePaths.fiche('ar', fixtureFiche('permanence-sante-exil')));
    expect(in31).not.toContain(sitePaths.fiche('ar', fixtureFiche('halte-garderie-insertion')));
    expect(await resultLinks(page)).toEqual(in31.slice(0, resultsPerBatch));

    await choose(page, 'theme', 'health');
    await searched(page, 'theme=health');
    const expected = expectedResults('ar', { departement: '31', theme: 'health' });
    const links = await resultLinks(page);
    expect(links).toEqual(expected.slice(0, resultsPerBatch));
    expect(await status(page)).toBe(translator('ar')('search.count', { count: expected.length }));

    await page.locator('.search-results__list a').first().click();
    await page.waitForURL((url) => url.pathname !== sitePaths.search('ar'));
    expect(new URL(page.url()).pathname).toMatch(/^\/ar\/(demarches|dispositifs)\//);
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('.fallback-notice').count()).toBe(0);
    await page.context().close();
  });

  it('runs a shared search URL at once, with its filters shown', async () => {
    const { page, network } = await open(`${sitePaths.search('fr')}?theme=family&departement=38`);
    await searched(page, 'theme=family');
    expect(await resultLinks(page)).toEqual(expectedResults('fr', { theme: 'family', departement: '38' }));
    expect(await page.locator('select[name=departement]').inputValue()).toBe('38');
    expect(await page.locator('details.search-filters').getAttribute('open')).not.toBeNull();
    expect(network.urls().some((url) => url.startsWith('/pagefind/'))).toBe(true);
    await page.context().close();
  });

  /**
   * Lets a held request go once `released` settles. The page may have navigated away or been
   * closed by then (the form submission reloads it), and a route handler's rejection would
   * otherwise surface as an unhandled error after the test.
   */
  const holdUntil = async (released: Promise<void>, route: Route) => {
    await released;
    await route.continue().catch(() => undefined);
  };

  it('has one script before the first paint, and runs a search typed or submitted before its watcher arrived', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // The watcher (src/client/searchLoader.ts) held back, as on a slow link.
    let release = () => {};
    const arrived = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/_astro\/searchLoader\.[\w-]+\.js$/, (route) => holdUntil(arrived, route));
    await page.goto(`${origin}${sitePaths.search('fr')}`, { waitUntil: 'domcontentloaded' });
    // The page's one script imports it: no script element of the search page's own.
    expect(await page.locator('script[src]').count()).toBe(1);
    // Submitted before it arrived: a plain form submission, answered from the address.
    await page.locator('#search-q').fill('garde');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === 'garde', { waitUntil: 'commit' });
    release();
    await searched(page, 'q=garde');
    expect(await resultLinks(page)).toContain(sitePaths.fiche('fr', fixtureFiche('halte-garderie-insertion')));
    await context.close();

    // Typed before it arrived (the box already has the focus): the search code loads when it
    // arrives, and the search then runs in the page, without reloading it.
    const later = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const second = await later.newPage();
    second.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    let releaseSecond = () => {};
    const arrivedSecond = new Promise<void>((resolve) => (releaseSecond = resolve));
    await second.route(/\/_astro\/searchLoader\.[\w-]+\.js$/, (route) => holdUntil(arrivedSecond, route));
    await second.goto(`${origin}${sitePaths.search('fr')}`, { waitUntil: 'domcontentloaded' });
    await second.locator('#search-q').fill('carte vitale');
    await second.evaluate(() => Object.assign(window, { samePage: true }));
    const searchCode = second.waitForResponse((response) => /\/searchApp\.[\w-]+\.js$/.test(response.url()));
    releaseSecond();
    await searchCode;
    await second.keyboard.press('Enter');
    await searched(second, 'q=carte vitale');
    expect(await resultLinks(second)).toContain(sitePaths.fiche('fr', fixtureFiche('carte-vitale')));
    expect(await second.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
    await later.close();
  });

  /** What a result shows: its link, whether it is tagged as French, and the language of its title and summary. */
  const shownResults = (page: Page) =>
    page.locator('.search-result').evaluateAll((items) =>
      items.map((item) => ({
        href: item.querySelector('a')?.getAttribute('href') ?? '',
        inFrench: item.querySelector('.search-result__type .fr-tag:nth-child(2)')?.textContent?.trim() ?? null,
        titleLang: item.querySelector('a')?.getAttribute('lang') ?? null,
        summaryLang: item.querySelector('.search-result__summary')?.getAttribute('lang') ?? null,
      })),
    );
  const complementaire = fixtureFiche('complementaire-sante-solidaire');

  it('finds a French-only fiche from Pashto by the Pashto name of its need, after the translated fiches, marked as French', async () => {
    expect(complementaire.translatedLocales).not.toContain('ps');
    const need = lookup.needs.get(complementaire.needs?.[0] ?? '')?.name;
    const needName = (typeof need === 'object' ? need?.ps : undefined) ?? '';
    expect(needName).not.toBe('');
    const { page } = await open(sitePaths.search('ps'));
    await page.locator('#search-q').fill(needName);
    await page.keyboard.press('Enter');
    await searched(page, `q=${needName}`);
    await showAll(page);
    const inFrench = translator('ps')('search.inFrench');
    const shown = await shownResults(page);
    // The translated fiches whose Pashto text has these words first, then the French-only one.
    expect(shown.at(-1)).toEqual({ href: sitePaths.fiche('ps', complementaire), inFrench, titleLang: 'fr', summaryLang: 'fr' });
    expect(shown.slice(0, -1).every((result) => result.inFrench === null && result.titleLang === null)).toBe(true);
    expect(await page.locator('.search-result a[lang=fr]').textContent()).toBe(valueIn(complementaire.title, 'fr'));
    expect(await status(page)).toBe(translator('ps')('search.countFor', { query: needName, count: shown.length }));

    // The page it opens is the fiche in French under the Pashto interface.
    await page.locator('.search-result a[lang=fr]').click();
    await page.waitForURL(`${origin}${sitePaths.fiche('ps', complementaire)}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('ps');
    expect(await page.locator('.fallback-notice').count()).toBe(1);
    await page.context().close();
  });

  it('finds a French-only fiche from Pashto by a French word of its title', async () => {
    const { page } = await open(`${sitePaths.search('ps')}?q=solidaire`);
    await searched(page, 'q=solidaire');
    await showAll(page);
    const shown = (await shownResults(page)).map((result) => [result.href, result.inFrench]);
    // Pashto pages quote the French name of the C2S too; the French-only fiche comes after them.
    expect(shown.at(-1)).toEqual([sitePaths.fiche('ps', complementaire), translator('ps')('search.inFrench')]);
    expect(shown.slice(0, -1).every(([, inFrench]) => inFrench === null)).toBe(true);
    await page.context().close();
  });

  it('finds a démarche by a document it asks for, in the reader’s language', async () => {
    // « Фотографія » is only in the name of a document of the Carte Vitale (its sections never say it).
    const { page } = await open(`${sitePaths.search('uk')}?q=${encodeURIComponent('фотографія')}`);
    await searched(page, 'q=фотографія');
    const shown = (await shownResults(page)).map((result) => result.href);
    expect(shown).toContain(sitePaths.fiche('uk', fixtureFiche('carte-vitale')));
    await page.context().close();
  });

  it('lists French-only fiches in a filter-only search in Arabic, after the others, by title', async () => {
    expect(complementaire.translatedLocales).not.toContain('ar');
    const { page } = await open(`${sitePaths.search('ar')}?theme=health`);
    await searched(page, 'theme=health');
    const expected = expectedResults('ar', { theme: 'health' });
    expect(expected.at(-1)).toBe(sitePaths.fiche('ar', complementaire));
    await showAll(page);
    const shown = await shownResults(page);
    expect(shown.map((result) => result.href)).toEqual(expected);
    expect(shown.map((result) => result.inFrench)).toEqual([
      ...expected.slice(0, -1).map(() => null),
      translator('ar')('search.inFrench'),
    ]);
    expect(await page.locator('.search-result a[lang=fr]').getAttribute('dir')).toBe('ltr');
    expect(await status(page)).toBe(translator('ar')('search.count', { count: expected.length }));
    await page.context().close();
  });

  it('shows more results on demand and moves the focus to the first one added', async () => {
    const { page } = await open(`${sitePaths.search('fr')}?status=refugee`);
    await searched(page, 'status=refugee');
    const expected = expectedResults('fr', { status: 'refugee' });
    expect(expected.length).toBeGreaterThan(resultsPerBatch);
    expect(await resultLinks(page)).toHaveLength(resultsPerBatch);
    await page.locator('[data-search-more]').click();
    const second = Math.min(expected.length, 2 * resultsPerBatch);
    await page.waitForFunction((count) => document.querySelectorAll('.search-results__list a').length === count, second);
    expect(await resultLinks(page)).toEqual(expected.slice(0, second));
    expect(
      await page.evaluate(
        (first) => document.activeElement?.closest('li') === document.querySelectorAll('.search-results__list li')[first],
        resultsPerBatch,
      ),
    ).toBe(true);
    await showAll(page);
    expect(await resultLinks(page)).toEqual(expected);
    expect(await page.locator('[data-search-more]').isVisible()).toBe(false);
    await page.context().close();
  });

  it('says so when nothing matches, and clears everything with one button', async () => {
    const { page } = await open(sitePaths.search('fr'));
    await page.locator('#search-q').fill('xylophone');
    await page.keyboard.press('Enter');
    await searched(page, 'q=xylophone');
    expect(await status(page)).toBe(translator('fr')('search.none'));
    expect(await page.locator('[data-search-results]').isVisible()).toBe(false);
    await page.locator('.search-form button[type=reset]').click();
    await page.waitForURL(`${origin}${sitePaths.search('fr')}`);
    expect(await page.locator('#search-q').inputValue()).toBe('');
    await page.context().close();
  });

  it('works with the keyboard alone', async () => {
    const { page } = await open(sitePaths.search('fr'));
    const focused = () =>
      page.evaluate(() => ({
        id: document.activeElement?.id ?? '',
        tag: document.activeElement?.tagName ?? '',
        href: document.activeElement?.getAttribute('href') ?? '',
      }));
    async function tabUntil(done: (element: Awaited<ReturnType<typeof focused>>) => boolean): Promise<void> {
      for (let presses = 0; presses < 40; presses += 1) {
        if (done(await focused())) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Focus never got there; it is on ${JSON.stringify(await focused())}`);
    }
    await tabUntil((element) => element.id === 'search-q');
    await page.keyboard.type('santé');
    await tabUntil((element) => element.tag === 'SUMMARY');
    await page.keyboard.press('Enter');
    await tabUntil((element) => element.id === 'search-type');
    await page.keyboard.press('ArrowDown');
    await searched(page, 'type=demarche');
    expect(await page.locator('#search-type').inputValue()).toBe('demarche');
    await tabUntil((element) => element.href.startsWith('/fr/'));
    const target = (await focused()).href;
    expect(target).toMatch(/^\/fr\/demarches\//);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}${target}`);
    await page.context().close();
  });

  it.each(['fr', 'ar', 'ps'] as const)('finds no accessibility violation on the %s search page with results', async (locale) => {
    const { page } = await open(`${sitePaths.search(locale)}?departement=31`);
    await searched(page, 'departement=31');
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
          };
        }
      ).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      });
      return result.violations.map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`,
      );
    });
    expect(violations).toEqual([]);
    await page.context().close();
  });
});

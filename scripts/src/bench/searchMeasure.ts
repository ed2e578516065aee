/**
 * What the search costs a reader, in a real browser, from Chromium's network log: the search
 * page before the search is used, the bytes until the first results, then each later step
 * (`q=words` for a new search, `filter=value` for a filter change), with the time from the
 * reader's action to the results shown. Used by the bench and by `site/test/measureSearch.ts`.
 */
import type { Browser } from 'playwright-core';

export type SearchStep = {
  label: string;
  bytes: number;
  /** From the action (Enter, filter change) to the results on screen; 0 for the page load. */
  milliseconds: number;
  status: string;
  responses: { url: string; bytes: number }[];
};

export type SearchMeasure = { beforeUse: SearchStep; firstResults: SearchStep; laterQueries: SearchStep[]; error: boolean };

export async function measureSearch(options: {
  browser: Browser;
  origin: string;
  locale: string;
  query: string;
  steps?: readonly string[];
}): Promise<SearchMeasure> {
  const { browser, origin, locale, query, steps = [] } = options;
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    let responses: Promise<{ url: string; bytes: number }>[] = [];
    page.on('requestfinished', (request) =>
      responses.push(
        request.sizes().then((sizes) => ({
          url: request.url().slice(origin.length),
          bytes: sizes.responseBodySize + sizes.responseHeadersSize,
        })),
      ),
    );
    const step = async (label: string, milliseconds: number): Promise<SearchStep> => {
      const all = await Promise.all(responses);
      responses = [];
      const status = (await page.locator('[data-search-status]').textContent()) ?? '';
      return { label, bytes: all.reduce((total, { bytes }) => total + bytes, 0), milliseconds, status, responses: all };
    };
    const searched = async (part: string) => {
      await page.waitForURL((url) => decodeURIComponent(url.search.replace(/\+/g, ' ')).includes(part));
      await page.waitForFunction(() => {
        const results = document.querySelector('[data-search-results]');
        return (
          results !== null &&
          !results.hasAttribute('aria-busy') &&
          Boolean(document.querySelector('[data-search-status]')?.textContent)
        );
      });
    };

    await page.goto(`${origin}/${locale}/recherche/`, { waitUntil: 'networkidle' });
    const beforeUse = await step('page, before the search is used', 0);
    await page.locator('#search-q').fill(query);
    let started = Date.now();
    await page.keyboard.press('Enter');
    await searched(`q=${query}`);
    const firstResults = await step(`until the first results for "${query}"`, Date.now() - started);
    const laterQueries: SearchStep[] = [];
    for (const later of steps) {
      const [name = '', value = ''] = later.split('=');
      if (name === 'q') {
        await page.locator('#search-q').fill(value);
        started = Date.now();
        await page.keyboard.press('Enter');
      } else {
        await page.locator('details.search-filters').evaluate((details) => ((details as HTMLDetailsElement).open = true));
        started = Date.now();
        await page.selectOption(`select[name="${name}"]`, value);
      }
      await searched(`${name}=${value}`);
      laterQueries.push(await step(`later query ${later}`, Date.now() - started));
    }
    const shown = await page.locator('[data-search-status]').textContent();
    const error = Boolean(shown) && shown === (await page.locator('[data-search-status]').getAttribute('data-error-message'));
    return { beforeUse, firstResults, laterQueries, error };
  } finally {
    await context.close();
  }
}

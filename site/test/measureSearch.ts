/**
 * Measures what the search costs readers on any build, in a real browser from its network log,
 * served compressed as a CDN would (scripts/src/staticServer.ts): the page before the search is
 * used, the bytes until the first results, then each later step.
 *
 *   npx tsx site/test/measureSearch.ts site/dist fr "logement" departement=31 theme=health q=travail
 *
 * A later step is `q=words` (a new search) or `filter=value` (a filter change). Prints one line
 * per step, then the responses of each step; exits non-zero if the search shows an error.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';


import { createStaticServer } from '../../scripts/src/staticServer';
import { contentSecurityPolicy } from './helpers/contentSecurityPolicy';
import { launchChromium } from '../../scripts/src/browser';

const [root = 'site/dist', locale = 'fr', query = 'logement', ...steps] = process.argv.slice(2);
const server = createStaticServer({ root: () => path.resolve(root) });
server.prependListener('request', (_request, response) => response.setHeader('content-security-policy', contentSecurityPolicy));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchChromium();

try {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  let responses: Promise<[string, number]>[] = [];
  page.on('requestfinished', (request) =>
    responses.push(
      request.sizes().then((sizes) => [request.url().slice(origin.length), sizes.responseBodySize + sizes.responseHeadersSize]),
    ),
  );
  const report = async (label: string) => {
    const all = await Promise.all(responses);
    responses = [];
    const status = (await page.locator('[data-search-status]').textContent()) ?? '';
    console.log(
      `${label}: ${all.reduce((total, [, bytes]) => total + bytes, 0)} B in ${all.length} responses${status ? ` — ${status}` : ''}`,
    );
    for (const [url, bytes] of all) console.log(`    ${String(bytes).padStart(6)}  ${url}`);
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
  await report('page, before the search is used');
  await page.locator('#search-q').fill(query);
  await page.keyboard.press('Enter');
  await searched(`q=${query}`);
  await report(`until the first results for "${query}"`);
  for (const step of steps) {
    const [name = '', value = ''] = step.split('=');
    if (name === 'q') {
      await page.locator('#search-q').fill(value);
      await page.keyboard.press('Enter');
    } else {
      await page.locator('details.search-filters').evaluate((details) => ((details as HTMLDetailsElement).open = true));
      await page.selectOption(`select[name="${name}"]`, value);
    }
    await searched(`${name}=${value}`);
    await report(`later query ${step}`);
  }
  const error = await page.locator('[data-search-status]').textContent();
  if (error && error === (await page.locator('[data-search-status]').getAttribute('data-error-message'))) process.exitCode = 1;
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

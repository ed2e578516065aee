/**
 * Measures what the search costs readers on any build, in a real browser from its network log,
 * served compressed as a CDN would (scripts/src/staticServer.ts): the page before the search is
 * used, the bytes until the first results, then each later step.
 *
 *   npx tsx site/test/measureSearch.ts site/dist fr "logement" departement=31 theme=health q=travail
 *
 * A later step is `q=words` (a new search) or `filter=value` (a filter change). Prints one line
 * per step, then the responses of each step; exits non-zero if the search shows an error.
 * The measuring itself is `scripts/src/bench/searchMeasure.ts`, shared with `npm run bench`.
 */
import path from 'node:path';

import { launchChromium } from '../../scripts/src/browser';
import { measureSearch, type SearchStep } from '../../scripts/src/bench/searchMeasure';
import { serveAsCdn } from './helpers/serveAsCdn';

const [root = 'site/dist', locale = 'fr', query = 'logement', ...steps] = process.argv.slice(2);
const server = await serveAsCdn(path.resolve(root));
const { origin } = server;
const browser = await launchChromium();

const print = ({ label, bytes, responses, status, milliseconds }: SearchStep) => {
  const timing = milliseconds > 0 ? ` in ${milliseconds} ms` : '';
  console.log(`${label}: ${bytes} B in ${responses.length} responses${timing}${status ? ` — ${status}` : ''}`);
  for (const { url, bytes: size } of responses) console.log(`    ${String(size).padStart(6)}  ${url}`);
};

try {
  const measure = await measureSearch({ browser, origin, locale, query, steps });
  for (const step of [measure.beforeUse, measure.firstResults, ...measure.laterQueries]) print(step);
  if (measure.error) process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}

/**
 * The admin's screens as editors, translators and experts meet them, timed in Chromium on an
 * inserted corpus (`npm run bench -- --scale`): logged in through the login form, each screen
 * is opened by its URL and counted only once it shows what it should — its rows, its figures,
 * its fields — checked against what the REST API says the same user gets. A redirect to the
 * login, an error page or an empty list where the API has rows stops the bench instead of being
 * timed. The publish and the validate are timed from the click to Payload's success toast, then
 * checked through REST.
 *
 * Time is from navigation start to the checked content: server rendering, network, hydration
 * and the list's own requests, as the person waits for them.
 */
import { performance } from 'node:perf_hooks';

import type { Browser, Page } from 'playwright-core';

import { loginHeaders } from '../measurePublish';
import { percentile } from './stats';

export type ScreenTiming = { p50: number; p95: number; samples: number };

type Headers = Record<string, string>;
type Fiche = { id: string; title: string };
type TranslationDoc = { id: string; title?: string | null; status: string; fiche: string };

class ScreenError extends Error {}

async function api<T>(cmsUrl: string, headers: Headers, method: string, pathname: string, body?: unknown): Promise<T> {
  const response = await fetch(`${cmsUrl}/api${pathname}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new ScreenError(`${method} ${pathname}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

const totalOf = async (cmsUrl: string, headers: Headers, query: string) =>
  (await api<{ totalDocs: number }>(cmsUrl, headers, 'GET', `${query}${query.includes('?') ? '&' : '?'}limit=1&depth=0`))
    .totalDocs;

/** A French browser context, logged in through the form; console errors and page errors are kept. */
async function logIn(
  browser: Browser,
  cmsUrl: string,
  email: string,
  password: string,
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  // A loaded machine makes a first server render slow: waits fail late rather than time figures out.
  context.setDefaultTimeout(120_000);
  context.setDefaultNavigationTimeout(120_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`${email}: page error: ${error.message}`));
  await page.goto(`${cmsUrl}/admin/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/login'), { timeout: 120_000 });
  await page.locator('.dashboard, .collection-list, .collection-edit').first().waitFor({ timeout: 120_000 });
  return { page, problems };
}

/** Rows of Payload's list table, or its « no results » message when the API has none. */
async function listRows(page: Page, expectedTotal: number): Promise<number> {
  if (expectedTotal === 0) {
    await page.locator('.collection-list .no-results').waitFor({ timeout: 120_000 });
    return 0;
  }
  const rows = page.locator('.collection-list tbody tr');
  await rows.first().waitFor({ timeout: 120_000 });
  const count = await rows.count();
  if (count === 0 || count > expectedTotal) throw new ScreenError(`the list shows ${count} rows, the API has ${expectedTotal}`);
  return count;
}

function assertOn(page: Page, pathname: string, name: string): void {
  const url = new URL(page.url());
  if (url.pathname !== pathname) throw new ScreenError(`${name}: the browser is on ${url.pathname}, not ${pathname}`);
}

export async function timeAdminScreens(options: {
  browser: Browser;
  cmsUrl: string;
  password: string;
  samples: number;
  progress: (line: string) => void;
}): Promise<Record<string, ScreenTiming | number>> {
  const { browser, cmsUrl, password, samples } = options;
  const headers = {
    editor: await loginHeaders(cmsUrl, 'editor@passerelle.test', password),
    translator: await loginHeaders(cmsUrl, 'translator-ar@passerelle.test', password),
    expert: await loginHeaders(cmsUrl, 'expert-ar@passerelle.test', password),
  };
  const get = <T>(who: keyof typeof headers, pathname: string) => api<T>(cmsUrl, headers[who], 'GET', pathname);

  // What each screen must show, from the API, as the same user.
  const totalFiches = await totalOf(cmsUrl, headers.editor, '/fiches?draft=true');
  if (totalFiches === 0) throw new ScreenError('the corpus has no fiche');
  const lastPage = Math.max(1, Math.min(50, Math.ceil(totalFiches / 10)));
  const { docs: fiches } = await get<{ docs: Fiche[] }>(
    'editor',
    `/fiches?depth=0&limit=${samples + 1}&locale=fr&sort=slug&select[title]=true`,
  );
  const word = (fiches[0]?.title ?? 'carte').split(/\s+/).find((part) => part.length > 4) ?? 'carte';
  const searchWhere = `where[or][0][title][like]=${encodeURIComponent(word)}&where[or][1][slug][like]=${encodeURIComponent(word)}&where[or][2][shortId][like]=${encodeURIComponent(word)}`;
  const lists: { name: string; who: keyof typeof headers; path: string; query: string; apiQuery: string }[] = [
    { name: 'fiche list, page 1', who: 'editor', path: '/admin/collections/fiches', query: '', apiQuery: '/fiches?draft=true' },
    {
      name: 'fiche list, last page (≤ 50)',
      who: 'editor',
      path: '/admin/collections/fiches',
      query: `?page=${lastPage}`,
      apiQuery: '/fiches?draft=true',
    },
    {
      name: `fiche list, search « ${word} »`,
      who: 'editor',
      path: '/admin/collections/fiches',
      query: `?search=${encodeURIComponent(word)}`,
      apiQuery: `/fiches?draft=true&${searchWhere}`,
    },
    {
      name: 'fiche list, status published',
      who: 'editor',
      path: '/admin/collections/fiches',
      query: '?where[_status][equals]=published',
      apiQuery: '/fiches?draft=true&where[_status][equals]=published',
    },
    {
      name: 'fiche list, type dispositif',
      who: 'editor',
      path: '/admin/collections/fiches',
      query: '?where[type][equals]=dispositif',
      apiQuery: '/fiches?draft=true&where[type][equals]=dispositif',
    },
    {
      name: 'submitted fiches (contributors)',
      who: 'editor',
      path: '/admin/collections/fiches',
      query: '?where[reviewRequested][equals]=true',
      apiQuery: '/fiches?draft=true&where[reviewRequested][equals]=true',
    },
    {
      name: 'translations list, ar validated',
      who: 'expert',
      path: '/admin/collections/translations',
      query: '?where[language][equals]=ar&where[status][equals]=validated',
      apiQuery: '/translations?where[language][equals]=ar&where[status][equals]=validated',
    },
  ];

  // Proposals waiting for the Arabic expert: the review queue is not empty, and each validate
  // sample has its own translation to validate.
  const { docs: toPropose } = await get<{ docs: TranslationDoc[] }>(
    'translator',
    `/translations?depth=0&limit=${samples + 1}&sort=createdAt&where[language][equals]=ar&where[status][equals]=validated`,
  );
  if (toPropose.length < samples + 1)
    throw new ScreenError(`only ${toPropose.length} validated Arabic translations to propose changes to`);
  for (const translation of toPropose) {
    await api(cmsUrl, headers.translator, 'PATCH', `/translations/${translation.id}?depth=0`, {
      title: `${translation.title ?? ''} (relu)`.trim(),
      status: 'toReview',
    });
  }
  options.progress(`${toPropose.length} Arabic proposals waiting for review`);

  const editor = await logIn(browser, cmsUrl, 'editor@passerelle.test', password);
  const translator = await logIn(browser, cmsUrl, 'translator-ar@passerelle.test', password);
  const expert = await logIn(browser, cmsUrl, 'expert-ar@passerelle.test', password);
  const pages = { editor: editor.page, translator: translator.page, expert: expert.page };
  options.progress('editor, Arabic translator and Arabic expert logged in through the form');

  const results: Record<string, ScreenTiming | number> = { fiches: totalFiches, lastPage };
  /**
   * One warm-up visit (not counted), then `samples` timed visits, each failing on what it checks.
   * A visit times itself from navigation start, or returns its own duration (a click → toast).
   */
  async function time(name: string, visit: (sample: number) => Promise<number | void>): Promise<void> {
    const durations: number[] = [];
    for (let sample = -1; sample < samples; sample += 1) {
      const started = performance.now();
      let own: number | void;
      try {
        own = await visit(sample + 1);
      } catch (error) {
        throw new ScreenError(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (sample >= 0) durations.push(own ?? performance.now() - started);
    }
    results[`admin: ${name}`] = { p50: percentile(durations, 50), p95: percentile(durations, 95), samples };
    options.progress(`${name}: p50 ${percentile(durations, 50).toFixed(0)} ms`);
  }

  for (const list of lists) {
    const expected = await totalOf(cmsUrl, headers[list.who], list.apiQuery);
    const page = pages[list.who];
    await time(list.name, async () => {
      await page.goto(`${cmsUrl}${list.path}${list.query}`);
      await listRows(page, expected);
      assertOn(page, list.path, list.name);
    });
  }

  await time('dashboard, editor (coverage, fiches to check)', async () => {
    await editor.page.goto(`${cmsUrl}/admin`);
    const rows = editor.page.locator('section[aria-labelledby="coverage"] tbody tr');
    await rows.first().waitFor({ timeout: 120_000 });
    if ((await rows.count()) !== 7) throw new ScreenError(`the coverage table has ${await rows.count()} languages, not 7`);
    const arabic = (await rows.nth(0).locator('td').first().textContent()) ?? '';
    if (!/^\d+ %$/.test(arabic.trim())) throw new ScreenError(`the coverage shows « ${arabic} »`);
    await editor.page.locator('#review-due').waitFor({ timeout: 120_000 });
    assertOn(editor.page, '/admin', 'the editor’s dashboard');
  });
  // The work list's own filter (translation/dashboard.ts).
  const workTotal = await totalOf(
    cmsUrl,
    headers.translator,
    '/translations?where[language][equals]=ar&where[progress.toDo][greater_than]=0',
  );
  await time('dashboard, translator ar (work list)', async () => {
    await translator.page.goto(`${cmsUrl}/admin`);
    const section = translator.page.locator('section[aria-labelledby="my-translations"]');
    await section.waitFor({ timeout: 120_000 });
    const rows = await section.locator('tbody tr').count();
    if (workTotal > 0 && rows === 0) throw new ScreenError(`the work list is empty, the API has ${workTotal} translations to do`);
    assertOn(translator.page, '/admin', 'the translator’s dashboard');
  });
  await time('dashboard, expert ar (review queue)', async () => {
    await expert.page.goto(`${cmsUrl}/admin`);
    const section = expert.page.locator('section[aria-labelledby="my-translations"]');
    await section.waitFor({ timeout: 120_000 });
    const links = await section
      .locator('a[href^="/admin/collections/translations/"]')
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
    const missing = toPropose.filter((translation) => !links.includes(`/admin/collections/translations/${translation.id}`));
    if (missing.length > 0)
      throw new ScreenError(`${missing.length} of the ${toPropose.length} proposals are not in the review queue`);
    assertOn(expert.page, '/admin', 'the expert’s dashboard');
  });

  await time('edit view (fiche)', async (sample) => {
    const fiche = fiches[sample % fiches.length]!;
    await editor.page.goto(`${cmsUrl}/admin/collections/fiches/${fiche.id}`);
    const title = editor.page.locator('#field-title');
    await title.waitFor({ timeout: 120_000 });
    if ((await title.inputValue()) !== fiche.title)
      throw new ScreenError(`the title field shows « ${await title.inputValue()} »`);
  });
  await time('side-by-side view (translation ar)', async (sample) => {
    const translation = toPropose[sample % toPropose.length]!;
    await translator.page.goto(`${cmsUrl}/admin/collections/translations/${translation.id}`);
    await translator.page.locator('.passerelle-french-source tbody tr').first().waitFor({ timeout: 120_000 });
    await translator.page.locator('#field-title').waitFor({ timeout: 120_000 });
  });

  // Publish: a French title change, « Publier », until the success toast; then the API must say so.
  const published: Fiche[] = [];
  await time('publish (click → saved)', async (sample) => {
    const fiche = fiches[sample % fiches.length]!;
    await editor.page.goto(`${cmsUrl}/admin/collections/fiches/${fiche.id}`);
    const title = editor.page.locator('#field-title');
    await title.waitFor({ timeout: 120_000 });
    const changed = `${fiche.title} (${sample + 1})`;
    await title.fill(changed);
    const started = performance.now();
    await editor.page.locator('#action-save').click();
    await editor.page.locator('[data-sonner-toast][data-type="success"]').first().waitFor({ timeout: 120_000 });
    const elapsed = performance.now() - started;
    published.push({ id: fiche.id, title: changed });
    return elapsed;
  });
  // Validate: the expert takes a proposal from « À relire » to « Validée » and saves.
  const validated: string[] = [];
  await time('validate (click → saved)', async (sample) => {
    const translation = toPropose[sample]!;
    await expert.page.goto(`${cmsUrl}/admin/collections/translations/${translation.id}`);
    await expert.page.locator('#field-title').waitFor({ timeout: 120_000 });
    await expert.page.locator('#field-status .rs__control').click();
    await expert.page.locator('.rs__option', { hasText: 'Validée' }).click();
    const started = performance.now();
    await expert.page.locator('#action-save').click();
    await expert.page.locator('[data-sonner-toast][data-type="success"]').first().waitFor({ timeout: 120_000 });
    const elapsed = performance.now() - started;
    validated.push(translation.id);
    return elapsed;
  });

  // What the toasts said, through the API: the titles are published, the proposals validated.
  for (const fiche of published) {
    const live = await get<{ title: string }>('editor', `/fiches/${fiche.id}?depth=0&locale=fr`);
    if (live.title !== fiche.title)
      throw new ScreenError(`publish: the published title is « ${live.title} », not « ${fiche.title} »`);
  }
  for (const id of validated) {
    const translation = await get<TranslationDoc>('expert', `/translations/${id}?depth=0`);
    if (translation.status !== 'validated') throw new ScreenError(`validate: the translation is « ${translation.status} »`);
  }
  const problems = [...editor.problems, ...translator.problems, ...expert.problems];
  if (problems.length > 0) throw new ScreenError(`the admin had errors:\n${problems.join('\n')}`);
  await Promise.all([editor, translator, expert].map(({ page }) => page.context().close()));
  return results;
}

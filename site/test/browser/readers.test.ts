/**
 * The readers' tools in a real browser (Debian's Chromium through playwright-core) on the fixture
 * build, served by the project's static server under the site's Content-Security-Policy: save a
 * fiche and read it offline through the service worker, the offline page for a page never read,
 * print, share, read aloud (with a stubbed speech synthesis: the test decides which voices the
 * "device" has and records what is spoken), pages without JavaScript, keyboard, and axe.
 */

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { sitePaths, type Locale } from '@passerelle/content-schemas';

import { launchChromium } from '../../../scripts/src/browser';
import { translator } from '../../src/lib/i18n';
import { axeViolations } from '../helpers/axe';
import { fixtureFiche } from '../helpers/dist';
import { testSiteUrl } from '../helpers/paths';
import { serveAsCdn } from '../helpers/serveAsCdn';

const carteVitale = fixtureFiche('carte-vitale');
/** Translated into Persian except one item, which the Persian page shows in French. */
const complementaire = fixtureFiche('complementaire-sante-solidaire');
/** Not translated into Persian: its Persian page is the French text (fallback). */
const puma = fixtureFiche('protection-universelle-maladie');
const halte = fixtureFiche('halte-garderie-insertion');

let browser: Browser;
let server: Awaited<ReturnType<typeof serveAsCdn>>;
let origin: string;
/** Page errors, console errors and CSP violations of the current test: there must be none. */
let problems: string[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await serveAsCdn();
  origin = server.origin;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  const found = problems;
  problems = [];
  expect(found).toEqual([]);
});

type ContextOptions = { javaScriptEnabled?: boolean; voices?: string[]; share?: boolean; offlineExpected?: boolean };

/**
 * A fresh browser profile. `voices`: the languages the stubbed speech synthesis has voices for
 * (omitted: no stub). `share`: whether `navigator.share` exists (stubbed, recording its calls).
 */
async function newContext({
  javaScriptEnabled = true,
  voices,
  share = false,
  offlineExpected = false,
}: ContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 } });
  contexts.push(context);
  if (voices) await context.addInitScript(speechSynthesisStub, voices);
  await context.addInitScript(shareStub, share);
  context.on('page', (page) => watch(page, offlineExpected));
  return context;
}

function watch(page: Page, offlineExpected: boolean) {
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Offline, the browser itself logs the service worker's failed update check.
    if (
      offlineExpected &&
      /ERR_INTERNET_DISCONNECTED|Failed to fetch|An unknown error occurred when fetching the script/.test(message.text())
    )
      return;
    problems.push(`${page.url()}: ${message.text()} (${message.location().url})`);
  });
}

async function open(context: BrowserContext, urlPath: string): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(`${origin}${urlPath}`);
  expect(response?.ok(), urlPath).toBe(true);
  return page;
}

/**
 * Waits until saving has kept a fiche for offline reading: the page, then for a démarche its part
 * of the appointment sheet (src/client/savedFiches.ts), the last file it stores. Going offline
 * before that fails the sheet's request.
 */
async function keptOffline(page: Page, urlPath: string): Promise<void> {
  await page.waitForFunction(async (path) => {
    const cache = await caches.open('passerelle-saved');
    return Boolean(
      (await cache.match(path)) && (!path.includes('/demarches/') || (await cache.match(`${path}rendez-vous.json`))),
    );
  }, urlPath);
}

/** Waits until the service worker controls the page (it claims open pages when it activates). */
async function serviceWorkerControls(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
}

// ───────────────────────── stubs, run in the page before its scripts ─────────────────────────

type SpokenRecord = { text: string; lang: string; voice: string | undefined; part: string | undefined };
type SpeechLog = {
  spoken: SpokenRecord[];
  calls: string[];
  autoEnd: boolean;
  setVoices: (languages: string[]) => void;
  endCurrent: () => void;
};

/** A speech synthesis with the given voices that records what it is asked to say. */
function speechSynthesisStub(languages: string[]) {
  const voiceList = (codes: string[]) =>
    codes.map((lang) => ({ lang, name: `Test ${lang}`, voiceURI: `test-${lang}`, localService: true, default: false }));
  let voices = voiceList(languages);
  let current: { onend: (() => void) | null } | undefined;
  const target = new EventTarget();
  const log: SpeechLog = {
    spoken: [],
    calls: [],
    autoEnd: true,
    setVoices: (codes) => {
      voices = voiceList(codes);
      target.dispatchEvent(new Event('voiceschanged'));
    },
    endCurrent: () => current?.onend?.(),
  };
  class Utterance {
    text: string;
    lang = '';
    voice: { lang: string } | null = null;
    onend: (() => void) | null = null;
    onerror: ((event: { error: string }) => void) | null = null;
    constructor(text: string) {
      this.text = text;
    }
  }
  const synthesis = {
    getVoices: () => {
      log.calls.push('getVoices');
      return voices;
    },
    speak: (utterance: Utterance) => {
      const part = document.querySelector('.fiche [aria-current="true"]');
      log.spoken.push({
        text: utterance.text,
        lang: utterance.lang,
        voice: utterance.voice?.lang,
        part: part?.querySelector('h1, h2')?.textContent?.trim(),
      });
      current = utterance;
      if (log.autoEnd) setTimeout(() => current === utterance && utterance.onend?.(), 0);
    },
    cancel: () => {
      log.calls.push('cancel');
      current = undefined;
    },
    pause: () => log.calls.push('pause'),
    resume: () => log.calls.push('resume'),
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synthesis, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  (window as unknown as { speechLog: SpeechLog }).speechLog = log;
}

/** `navigator.share` present (recording what is shared) or absent, whatever this Chromium has. */
function shareStub(present: boolean) {
  const shared: unknown[] = [];
  (window as unknown as { shared: unknown[] }).shared = shared;
  if (present) {
    Object.defineProperty(Navigator.prototype, 'share', {
      value: async (data: unknown) => void shared.push(data),
      configurable: true,
    });
  } else {
    delete (Navigator.prototype as { share?: unknown }).share;
  }
}

const speechLog = (page: Page) => page.evaluate(() => (window as unknown as { speechLog: SpeechLog }).speechLog);

// ───────────────────────────────────────── tests ─────────────────────────────────────────

describe('save and offline', () => {
  const savedPath = sitePaths.fiche('fr', carteVitale);
  const savedTitle = carteVitale.title.fr ?? '';

  it('a saved fiche opens offline, and "my fiches" and the offline page list it', async () => {
    const context = await newContext({ offlineExpected: true });
    const fiche = await open(context, savedPath);
    await serviceWorkerControls(fiche);
    const save = fiche.locator('[data-save]');
    await expect(save.getAttribute('aria-pressed')).resolves.toBe('false');
    await save.click();
    await expect(save.getAttribute('aria-pressed')).resolves.toBe('true');
    await fiche.waitForFunction(
      (text) => document.querySelector('[data-tools-status]')?.textContent === text,
      translator('fr')('saved.added'),
    );
    await keptOffline(fiche, savedPath);

    const mine = await open(context, sitePaths.saved('fr'));
    await expect(mine.locator('[data-saved-list] a').allTextContents()).resolves.toEqual([savedTitle]);

    await context.setOffline(true);
    await fiche.reload();
    await expect(fiche.locator('h1').textContent()).resolves.toBe(savedTitle);
    await fiche.locator('[data-save]').waitFor();
    await expect(fiche.locator('[data-save]').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(
      fiche
        .locator('link[rel=stylesheet]')
        .evaluate((link: HTMLLinkElement) => link.sheet !== null && link.sheet.cssRules.length > 0),
    ).resolves.toBe(true);

    await mine.reload();
    await expect(mine.locator('[data-saved-list] a').allTextContents()).resolves.toEqual([savedTitle]);

    const offline = await open(context, sitePaths.offline('fr'));
    await offline.locator('[data-offline-list] a').first().waitFor();
    await expect(
      offline
        .locator('[data-offline-list] a')
        .evaluateAll((links) => links.map((link) => [link.textContent, link.getAttribute('href'), link.getAttribute('lang')])),
    ).resolves.toContainEqual([savedTitle, savedPath, 'fr']);
  });

  it('a page never read offline gives the offline page in its language, listing what can be read', async () => {
    const context = await newContext({ offlineExpected: true });
    const fiche = await open(context, savedPath);
    await serviceWorkerControls(fiche);
    await fiche.locator('[data-save]').click();
    await keptOffline(fiche, savedPath);
    // Only the never-read page is under test: the saved one is closed before the network goes.
    await fiche.close();
    await context.setOffline(true);

    const neverRead = sitePaths.fiche('ar', complementaire);
    const page = await context.newPage();
    const response = await page.goto(`${origin}${neverRead}`);
    expect(response?.ok()).toBe(true);
    expect(new URL(page.url()).pathname).toBe(neverRead);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ar');
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expect(page.locator('h1').textContent()).resolves.toBe(translator('ar')('offline.title'));
    await page.locator('[data-offline-list] a').first().waitFor();
    await expect(page.locator('[data-offline-list] a').allTextContents()).resolves.toContain(savedTitle);
    await expect(axeViolations(page)).resolves.toEqual([]);
  });

  it('lists a saved Arabic fiche right to left on the French "my fiches" and offline pages', async () => {
    const arabicPath = sitePaths.fiche('ar', carteVitale);
    const context = await newContext();
    const fiche = await open(context, arabicPath);
    await serviceWorkerControls(fiche);
    await fiche.locator('[data-save]').click();
    await keptOffline(fiche, arabicPath);
    const title = (await fiche.locator('h1').textContent())?.trim();
    const links = (page: Page, list: string) =>
      page
        .locator(`${list} a`)
        .evaluateAll((found) => found.map((link) => [link.textContent, link.getAttribute('lang'), link.getAttribute('dir')]));
    const mine = await open(context, sitePaths.saved('fr'));
    await mine.locator('[data-saved-list] a').first().waitFor();
    await expect(links(mine, '[data-saved-list]')).resolves.toEqual([[title, 'ar', 'rtl']]);
    const offline = await open(context, sitePaths.offline('fr'));
    await offline.locator('[data-offline-list] a').first().waitFor();
    await expect(links(offline, '[data-offline-list]')).resolves.toContainEqual([title, 'ar', 'rtl']);
  });

  it('removing a fiche from "my fiches" forgets it and its offline copy, and keeps the focus on the page', async () => {
    const context = await newContext();
    const fiche = await open(context, savedPath);
    await serviceWorkerControls(fiche);
    await fiche.locator('[data-save]').click();
    await keptOffline(fiche, savedPath);
    const mine = await open(context, sitePaths.saved('ar'));
    const remove = mine.locator('[data-saved-list] li button');
    await expect(remove.getAttribute('aria-label')).resolves.toBe(translator('ar')('saved.removeLabel', { title: savedTitle }));
    await expect(mine.locator('[data-saved-list] li a').getAttribute('lang')).resolves.toBe('fr');
    await expect(axeViolations(mine)).resolves.toEqual([]);
    await remove.focus();
    await mine.keyboard.press('Enter');
    await expect(mine.locator('[data-saved-list] li').count()).resolves.toBe(0);
    await expect(mine.locator('[data-saved-empty]').isVisible()).resolves.toBe(true);
    await expect(mine.locator('[data-saved-list] [role=status]').textContent()).resolves.toBe(translator('ar')('saved.removed'));
    await expect(mine.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');
    await mine.waitForFunction(async (path) => !(await (await caches.open('passerelle-saved')).match(path)), savedPath);
    await expect(axeViolations(mine)).resolves.toEqual([]);
  });

  it('deletes the caches of older versions when a new worker activates, and keeps the saved fiches', async () => {
    const context = await newContext();
    const page = await open(context, sitePaths.fiche('fr', carteVitale));
    await serviceWorkerControls(page);
    await page.evaluate(async () => {
      for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
      await caches.open('passerelle-shell-000000000000');
      await caches.open('passerelle-pages-000000000000');
      await (await caches.open('passerelle-saved')).put('/fr/demarches/kept/', new Response('kept'));
    });
    await page.reload();
    await serviceWorkerControls(page);
    await page.waitForFunction(async () => !(await caches.keys()).some((name) => name.endsWith('-000000000000')));
    const names = await page.evaluate(() => caches.keys());
    expect(names).toContain('passerelle-saved');
    expect(names.filter((name) => name.startsWith('passerelle-shell-'))).toHaveLength(1);
    await expect(
      page.evaluate(async () => (await (await caches.open('passerelle-saved')).match('/fr/demarches/kept/'))?.text()),
    ).resolves.toBe('kept');
  });

  it('keeps the Pagefind index and other languages out of the caches', async () => {
    const context = await newContext();
    const page = await open(context, sitePaths.fiche('fr', carteVitale));
    await serviceWorkerControls(page);
    await page.reload();
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      return urls;
    });
    expect(cached).toContain(sitePaths.fiche('fr', carteVitale));
    expect(cached.filter((url) => url.startsWith('/pagefind/'))).toEqual([]);
    const pages = cached.filter((url) => url.endsWith('/') && !url.includes('/hors-ligne/'));
    expect(pages.filter((url) => !url.startsWith('/fr/'))).toEqual([]);
  });
});

describe('print', () => {
  it('prints an Arabic fiche right to left: every section, the address as text and QR code, no tools or navigation', async () => {
    const urlPath = sitePaths.fiche('ar', carteVitale);
    const context = await newContext({ voices: ['ar'] });
    const page = await open(context, urlPath);
    await page.locator('[data-share]').waitFor();
    await page.emulateMedia({ media: 'print' });
    await expect(page.evaluate(() => getComputedStyle(document.body).direction)).resolves.toBe('rtl');
    const sections = await page
      .locator('details.fiche-section .fiche-section__body')
      .evaluateAll((bodies) => bodies.map((body) => body.getBoundingClientRect().height));
    expect(sections.length).toBeGreaterThan(1);
    for (const height of sections) expect(height).toBeGreaterThan(0);
    for (const selector of ['h1', '.lead', '.infocards', '.print-address'])
      await expect(page.locator(selector).first().isVisible(), selector).resolves.toBe(true);
    for (const selector of ['.fr-header', '.fr-breadcrumb', '.fr-footer', '.fiche-tools', '.fiche-languages', '.fr-skiplinks']) {
      await expect(page.locator(selector).first().isVisible(), selector).resolves.toBe(false);
    }
    const address = page.locator('.print-address a');
    await expect(address.textContent()).resolves.toBe(`${testSiteUrl}${urlPath}`);
    await expect(address.getAttribute('dir')).resolves.toBe('ltr');
    const qr = page.locator('.print-address img');
    await qr.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('.print-address img');
      return image?.complete && image.naturalWidth > 0;
    });
    await expect(qr.getAttribute('src')).resolves.toBe(`${urlPath}qr.svg`);
    await expect(qr.getAttribute('alt')).resolves.toBe(translator('ar')('print.qrCode'));
    const box = await qr.boundingBox();
    expect(box?.width).toBeGreaterThan(50);
  });

  it('does not download the QR code on screen', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${origin}${sitePaths.fiche('fr', carteVitale)}`);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    expect(requested.filter((url) => url.endsWith('qr.svg'))).toEqual([]);
  });
});

describe('share', () => {
  it('copies the canonical link when the browser cannot share, and says so', async () => {
    const context = await newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    // A French fallback under a Persian address: its canonical page is the French one.
    const page = await open(context, sitePaths.fiche('fa', puma));
    await page.locator('[data-share]').click();
    await page.waitForFunction(
      (text) => document.querySelector('[data-tools-status]')?.textContent === text,
      translator('fa')('share.copied'),
    );
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(
      `${testSiteUrl}${sitePaths.fiche('fr', puma)}`,
    );
    await expect(page.locator('[data-tools-status]').getAttribute('role')).resolves.toBe('status');
  });

  it('hands the canonical link to the system share sheet where there is one', async () => {
    const context = await newContext({ share: true });
    const page = await open(context, sitePaths.fiche('ar', carteVitale));
    await page.locator('[data-share]').click();
    await page.waitForFunction(() => (window as unknown as { shared: unknown[] }).shared.length > 0);
    await expect(page.evaluate(() => (window as unknown as { shared: unknown[] }).shared)).resolves.toEqual([
      { title: carteVitale.title.ar, url: `${testSiteUrl}${sitePaths.fiche('ar', carteVitale)}` },
    ]);
  });
});

describe('read aloud', () => {
  it('reads a Persian fiche part by part, each block in its own language, the French item with a French voice', async () => {
    const context = await newContext({ voices: ['fa-IR', 'fr-FR'] });
    const page = await open(context, sitePaths.fiche('fa', complementaire));
    await page.locator('[data-read-start]').click();
    await page.waitForFunction(
      (text) => document.querySelector('[data-tools-status]')?.textContent === text,
      translator('fa')('readAloud.finished'),
      { timeout: 15_000 },
    );
    const { spoken } = await speechLog(page);

    // What was spoken, matched back to the page: every text block of the fiche, in page order.
    const matched = await page.evaluate((records) => {
      const blocks = [
        ...document.querySelectorAll<HTMLElement>('.fiche-intro, [aria-labelledby="infocards-title"], details.fiche-section'),
      ].flatMap((part) =>
        [...part.querySelectorAll<HTMLElement>('h1, h2, h3, p, li, dt, dd')].map((element) => ({ element, part })),
      );
      const clean = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
      let last = -1;
      return records.map((record) => {
        const index = blocks.findIndex((block, position) => position > last && clean(block.element.textContent) === record.text);
        const block = blocks[index];
        if (index < 0 || !block) return { ...record, found: false, inOrder: false, elementLang: '', partName: '' };
        last = index;
        return {
          ...record,
          found: true,
          inOrder: true,
          elementLang: block.element.closest('[lang]')?.getAttribute('lang') ?? '',
          partName: clean(block.part.querySelector('h1, h2')?.textContent ?? ''),
        };
      });
    }, spoken);
    expect(matched.length).toBeGreaterThan(10);
    for (const record of matched) {
      expect(record, record.text).toMatchObject({ found: true, inOrder: true, lang: record.elementLang, part: record.partName });
      expect(record.voice?.split('-')[0], record.text).toBe(record.lang);
    }
    expect(new Set(matched.map((record) => record.lang))).toEqual(new Set(['fa', 'fr']));
    const headings = await page.locator('details.fiche-section > summary h2').allTextContents();
    for (const heading of headings) expect(matched.map((record) => record.text)).toContain(heading.trim());
    // Every section was opened as it was read.
    await expect(page.locator('details.fiche-section:not([open])').count()).resolves.toBe(0);
  });

  it('pauses and resumes, moves between parts, marks the current one, and stops', async () => {
    const context = await newContext({ voices: ['fr-FR'] });
    const page = await open(context, sitePaths.fiche('fr', carteVitale));
    await page.evaluate(() => ((window as unknown as { speechLog: SpeechLog }).speechLog.autoEnd = false));
    const start = page.locator('[data-read-start]');
    const pause = page.locator('[data-read-pause]');
    // The tools start when the main thread is idle after load (pageStart.ts): wait for the button.
    await start.waitFor({ state: 'visible' });
    await start.focus();
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.hasAttribute('data-read-pause'))).resolves.toBe(true);
    await expect(page.locator('.fiche-intro').getAttribute('aria-current')).resolves.toBe('true');
    await expect(speechLog(page).then((log) => log.spoken.map((record) => record.text))).resolves.toEqual([carteVitale.title.fr]);

    await page.keyboard.press('Enter');
    await expect(pause.getAttribute('aria-pressed')).resolves.toBe('true');
    await page.keyboard.press('Space');
    await expect(pause.getAttribute('aria-pressed')).resolves.toBe('false');
    await expect(
      speechLog(page).then((log) => log.calls.filter((call) => call !== 'cancel' && call !== 'getVoices')),
    ).resolves.toEqual(['pause', 'resume']);

    await page.evaluate(() => (window as unknown as { speechLog: SpeechLog }).speechLog.endCurrent());
    await expect(speechLog(page).then((log) => log.spoken.length)).resolves.toBe(2);

    await page.locator('[data-read-next]').click();
    await page.locator('[data-read-next]').click();
    const firstSection = page.locator('details.fiche-section').first();
    await expect(firstSection.getAttribute('aria-current')).resolves.toBe('true');
    await expect(page.locator('.fiche-intro').getAttribute('aria-current')).resolves.toBeNull();
    const afterNext = await speechLog(page);
    expect(afterNext.spoken.at(-1)?.text).toBe((await firstSection.locator('summary h2').textContent())?.trim());
    await page.waitForFunction(
      (text) => document.querySelector('[data-tools-status]')?.textContent === text,
      translator('fr')('readAloud.current', { section: (await firstSection.locator('summary h2').textContent())?.trim() ?? '' }),
    );

    await page.locator('[data-read-previous]').click();
    await page.locator('[data-read-previous]').click();
    await expect(page.locator('.fiche-intro').getAttribute('aria-current')).resolves.toBe('true');
    await expect(speechLog(page).then((log) => log.spoken.at(-1)?.text)).resolves.toBe(carteVitale.title.fr);

    await page.locator('[data-read-stop]').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-read-controls]').isVisible()).resolves.toBe(false);
    await expect(start.isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => document.activeElement?.hasAttribute('data-read-start'))).resolves.toBe(true);
    await expect(
      page
        .locator('.fiche-intro[aria-current], [aria-labelledby="infocards-title"][aria-current], .fiche-section[aria-current]')
        .count(),
    ).resolves.toBe(0);
    expect((await speechLog(page)).calls.at(-1)).toBe('cancel');
    await expect(axeViolations(page)).resolves.toEqual([]);
  });

  it('looks up the voices on the first press only, and says so when the device has none for Tigrinya', async () => {
    const context = await newContext({ voices: ['fr-FR', 'en-GB', 'ar-SA'] });
    const page = await open(context, sitePaths.fiche('ti', halte));
    await page.locator('[data-read-start]').waitFor();
    // Nothing was asked of the speech synthesis while the page loaded.
    await expect(speechLog(page).then((log) => log.calls)).resolves.toEqual([]);
    await page.locator('[data-read-start]').click();
    const note = page.locator('[data-read-unavailable]');
    await note.waitFor();
    await expect(note.textContent()).resolves.toBe(
      translator('ti')('readAloud.unavailable', { language: translator('ti')('readAloud.thisLanguage') }),
    );
    await expect(page.locator('[data-tools-status]').textContent()).resolves.toBe(await note.textContent());
    await expect(page.locator('[data-read-start]').isVisible()).resolves.toBe(false);
    await expect(page.evaluate(() => document.activeElement?.hasAttribute('data-save'))).resolves.toBe(true);
  });

  it('reads once the voices arrive late', async () => {
    const context = await newContext({ voices: [] });
    const page = await open(context, sitePaths.fiche('en', carteVitale));
    await page.locator('[data-read-start]').waitFor();
    await page.locator('[data-read-start]').click();
    await page.evaluate(() => (window as unknown as { speechLog: SpeechLog }).speechLog.setVoices(['en-US']));
    await page.locator('[data-read-controls]').waitFor();
    await expect(page.locator('[data-read-unavailable]').isVisible()).resolves.toBe(false);
    await page.waitForFunction(() => (window as unknown as { speechLog: SpeechLog }).speechLog.spoken.length > 0);
  });

  it('reads a French fallback with a French voice, and says so without one', async () => {
    const context = await newContext({ voices: ['fa-IR'] });
    const page = await open(context, sitePaths.fiche('fa', puma));
    await page.locator('[data-read-start]').click();
    const note = page.locator('[data-read-unavailable]');
    await note.waitFor();
    await expect(note.textContent()).resolves.toBe(
      translator('fa')('readAloud.unavailable', { language: translator('fa')('readAloud.french') }),
    );
    await expect(page.locator('[data-read-start]').isVisible()).resolves.toBe(false);
  });
});

describe('documents checklist and appointment sheet', () => {
  const sheetPath = (locale: Locale) => `${sitePaths.saved(locale)}rendez-vous/`;
  /** Saved as the save button saves them, without the clicks (covered in « save and offline »). */
  const saveDemarches = (context: BrowserContext, locale: Locale) =>
    context.addInitScript(
      (fiches) => {
        // Also runs in about:blank, which has no storage.
        if (location.protocol !== 'http:') return;
        if (!localStorage.getItem('passerelle.savedFiches'))
          localStorage.setItem('passerelle.savedFiches', JSON.stringify(fiches));
      },
      [carteVitale, puma].map((fiche) => ({
        path: sitePaths.fiche(locale, fiche),
        title: fiche.title[locale] ?? fiche.title.fr ?? '',
        lang: fiche.title[locale] ? locale : 'fr',
        savedAt: '2026-12-01T10:00:00.000Z',
      })),
    );

  it('keeps ticks on the device, shares a common document between démarches, and loads its script with the fiche tools, after load', async () => {
    const context = await newContext();
    const page = await open(context, sitePaths.fiche('uk', carteVitale));
    const identity = page.locator('input[data-document="d:piece-identite"]');
    await identity.waitFor();
    await expect(page.locator('[data-checklist-hint]').isVisible()).resolves.toBe(true);
    // Each document in Ukrainian with its French name beside it, marked as French.
    await expect(page.locator('.document-list__french [lang="fr"]').first().textContent()).resolves.toBe(
      "Passeport ou pièce d'identité — original et copie",
    );
    await identity.check();
    await page.reload();
    // Revealed, with its tick, once the page has loaded.
    await page.locator('input[data-document="d:piece-identite"]').waitFor();
    await expect(page.locator('input[data-document="d:piece-identite"]').isChecked()).resolves.toBe(true);
    const other = await open(context, sitePaths.fiche('uk', puma));
    await other.locator('input[data-document="d:piece-identite"]').waitFor();
    await expect(other.locator('input[data-document="d:piece-identite"]').isChecked()).resolves.toBe(true);
    await expect(other.locator('input[data-document="d:rib"]').isChecked()).resolves.toBe(false);
    // No script element of its own (one request less before the first paint): the page's one
    // script imports it after load with the fiche's tools, one module for all of them
    // (src/client/ficheStart.ts: one request and one task on the main thread instead of four).
    const scriptsLoaded = (on: Page) =>
      on.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((entry) => new URL(entry.name).pathname)
          .filter((pathname) => pathname.endsWith('.js')),
      );
    await expect(page.locator('script[src*="ocumentChecklist"]').count()).resolves.toBe(0);
    const loaded = await scriptsLoaded(other);
    expect(
      loaded.filter((pathname) => /\/ficheStart\.[\w-]+\.js$/.test(pathname)),
      loaded.join(' '),
    ).toHaveLength(1);
    expect(loaded.filter((pathname) => /\/(saveFiche|shareLink|readAloud|documentChecklist)\./.test(pathname))).toEqual([]);
    const dispositif = await open(context, sitePaths.fiche('uk', halte));
    // A fiche without documents has no checklist to reveal.
    await dispositif.locator('[data-share]').waitFor();
    await expect(dispositif.locator('[data-checklist-hint]').count()).resolves.toBe(0);
    await expect(dispositif.locator('input[data-document]:visible').count()).resolves.toBe(0);
  });

  it.each([
    ['fr', 390, 844],
    ['ar', 390, 844],
    ['fr', 1280, 1600],
  ] as const)(
    'nothing moves when the tools and the checklist appear (%s, %i × %i): they keep their room',
    async (locale: Locale, width: number, height: number) => {
      const context = await newContext();
      await context.addInitScript(() => {
        const shifts: string[] = [];
        Object.assign(window, { layoutShifts: shifts });
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; sources?: { node?: Node }[] })[])
            shifts.push(
              `${entry.value.toFixed(4)} ${(entry.sources ?? []).map((source) => (source.node as Element | undefined)?.outerHTML.slice(0, 80)).join(' | ')}`,
            );
        }).observe({ type: 'layout-shift', buffered: true });
      });
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(`${origin}${sitePaths.fiche(locale, carteVitale)}`);
      // Revealed after load, when the main thread is idle (src/client/pageStart.ts).
      await page.locator('[data-share]').waitFor();
      await page.locator('input[data-document]').first().waitFor();
      await page.locator('[data-checklist-hint]').waitFor();
      await expect(page.evaluate(() => (window as unknown as { layoutShifts: string[] }).layoutShifts)).resolves.toEqual([]);
    },
  );

  it('is a plain list without JavaScript', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await open(context, sitePaths.fiche('ar', carteVitale));
    await expect(page.locator('.document-list li').count()).resolves.toBe(2);
    await expect(page.locator('.document-list li').first().isVisible()).resolves.toBe(true);
    await expect(page.locator('.document-list input:visible').count()).resolves.toBe(0);
  });

  it.each(['ar', 'uk'] as const)(
    'builds the %s sheet side by side with French, merges documents, prints on one A4 page and works offline',
    async (locale: Locale) => {
      const context = await newContext({ offlineExpected: true });
      await saveDemarches(context, locale);
      const page = await open(context, sheetPath(locale));
      await serviceWorkerControls(page);
      await page.reload();
      const table = page.locator('.appointment-table');
      await table.waitFor();
      const direction = locale === 'ar' ? 'rtl' : 'ltr';
      await expect(
        table.locator('thead th').evaluateAll((cells) => cells.map((th) => [th.getAttribute('lang'), th.getAttribute('dir')])),
      ).resolves.toEqual([
        [locale, direction],
        ['fr', 'ltr'],
      ]);
      // Carte Vitale (2 documents) and PUMa (5) share « pièce d'identité »: 6 lines, each once.
      const rows = table.locator('.appointment-table__document');
      await expect(rows.count()).resolves.toBe(6);
      const cells = await rows.evaluateAll((lines) =>
        lines.map((line) =>
          [...line.querySelectorAll('td')].map((td) => [td.getAttribute('lang'), td.getAttribute('dir'), td.textContent?.trim()]),
        ),
      );
      expect(
        cells.every(
          ([own, french]) => own?.[1] === (own?.[0] === 'fr' ? 'ltr' : direction) && french?.[0] === 'fr' && french[1] === 'ltr',
        ),
      ).toBe(true);
      expect(cells.map(([, french]) => french?.[2])).toContain("RIB (relevé d'identité bancaire)");
      expect(cells.filter(([own]) => own?.[0] === locale).length).toBeGreaterThanOrEqual(5);
      await expect(
        table
          .locator('img.appointment-table__qr')
          .evaluateAll((images) => images.map((image) => (image as HTMLImageElement).naturalWidth > 0)),
      ).resolves.toEqual([true, true]);
      // A tick on the sheet is the fiche's tick.
      await rows.first().locator('input[type=checkbox]').check();
      await expect(page.evaluate(() => localStorage.getItem('passerelle.documentTicks'))).resolves.toContain('d:piece-identite');
      await expect(axeViolations(page)).resolves.toEqual([]);

      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('[data-appointment-choice]').isVisible()).resolves.toBe(false);
      await expect(page.locator('[data-print]').isVisible()).resolves.toBe(false);
      await expect(page.locator('.fr-header').isVisible()).resolves.toBe(false);
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBe(1);
      await page.emulateMedia({ media: 'screen' });

      await context.setOffline(true);
      await page.reload();
      await page.locator('.appointment-table').waitFor();
      await expect(page.locator('.appointment-table__document').count()).resolves.toBe(6);
      await expect(page.locator('[data-appointment-status]').textContent()).resolves.toBe('');
    },
  );
});

describe('long lists of fiches', () => {
  it.each(['fr', 'ar'] as const)(
    'a theme page (%s, phone) renders the cards off screen only as they come near, and nothing moves as they do',
    async (locale: Locale) => {
      const context = await newContext();
      await context.addInitScript(() => {
        const shifts: string[] = [];
        Object.assign(window, { layoutShifts: shifts });
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[]) shifts.push(entry.value.toFixed(4));
        }).observe({ type: 'layout-shift', buffered: true });
      });
      const page = await open(context, sitePaths.theme(locale, 'health'));
      // `content-visibility: auto` (src/styles/site.css): the last card's content is skipped at first…
      const lastCardLink = page.locator('.card-grid > li').last().locator('a');
      const rendered = () =>
        lastCardLink.evaluate((link) => link.checkVisibility({ contentVisibilityAuto: true } as CheckVisibilityOptions));
      await expect(rendered()).resolves.toBe(false);
      // …and shown, without moving what is on screen, as the reader scrolls to it.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let top = 0; top < height; top += 300) {
        await page.evaluate((y) => window.scrollTo(0, y), top);
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      }
      await expect(rendered()).resolves.toBe(true);
      await expect(page.evaluate(() => (window as unknown as { layoutShifts: string[] }).layoutShifts)).resolves.toEqual([]);
    },
  );
});

describe('without JavaScript', () => {
  it.each([sitePaths.fiche('fr', carteVitale), sitePaths.fiche('ar', carteVitale), sitePaths.fiche('fa', puma)])(
    '%s is readable and shows no button',
    async (urlPath) => {
      const context = await newContext({ javaScriptEnabled: false });
      const page = await open(context, urlPath);
      await expect(page.locator('h1').isVisible()).resolves.toBe(true);
      await expect(page.locator('details.fiche-section[open] .rich-text').first().isVisible()).resolves.toBe(true);
      await expect(page.locator('button:visible').count()).resolves.toBe(0);
      await expect(page.locator('.fiche-tools').isVisible()).resolves.toBe(false);
    },
  );

  it.each(['fr', 'ar'] as const)('"my fiches" in %s says that saving needs JavaScript', async (locale: Locale) => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await open(context, sitePaths.saved(locale));
    // Playwright's text selectors skip <noscript>, whose content is only text when scripts run.
    const note = page.locator('noscript .fr-notice__title');
    await expect(note.isVisible()).resolves.toBe(true);
    await expect(note.textContent()).resolves.toBe(translator(locale)('saved.noScript'));
    await expect(page.locator('button:visible').count()).resolves.toBe(0);
  });
});

describe('keyboard and axe', () => {
  it.each(['fr', 'ar'] as const)(
    'the %s fiche tools are reached with Tab, have a visible focus, and pass axe',
    async (locale: Locale) => {
      const context = await newContext({ voices: ['fr-FR', 'ar-SA'] });
      const page = await open(context, sitePaths.fiche(locale, carteVitale));
      await page.locator('[data-read-start]').waitFor();
      let found = false;
      for (let step = 0; step < 40 && !found; step += 1) {
        await page.keyboard.press('Tab');
        found = await page.evaluate(() => document.activeElement?.hasAttribute('data-save') ?? false);
      }
      expect(found).toBe(true);
      await expect(page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).resolves.not.toBe(
        'none',
      );
      await page.keyboard.press('Enter');
      await expect(page.locator('[data-save]').getAttribute('aria-pressed')).resolves.toBe('true');
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.hasAttribute('data-share'))).resolves.toBe(true);
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.hasAttribute('data-read-start'))).resolves.toBe(true);
      await expect(axeViolations(page)).resolves.toEqual([]);
    },
  );

  it.each([sitePaths.saved('fr'), sitePaths.saved('ar'), sitePaths.offline('fr'), sitePaths.offline('ar')])(
    '%s passes axe',
    async (urlPath) => {
      const context = await newContext();
      const page = await open(context, urlPath);
      await page.locator('[data-saved-empty], [data-offline-empty]').first().waitFor();
      await expect(axeViolations(page)).resolves.toEqual([]);
    },
  );

  it('the header links to "my fiches" in the page language', async () => {
    const context = await newContext();
    const page = await open(context, sitePaths.home('ps'));
    const link = page.locator('.site-tools a', { hasText: translator('ps')('saved.navLink') });
    await expect(link.getAttribute('href')).resolves.toBe(sitePaths.saved('ps'));
  });
});

/**
 * The RGAA criteria a tool can check, on the audit's page sample (docs/accessibility/
 * audit-rgaa-4.1.md) in French and in Arabic, served as the CDN serves it: page titles (8.5, 8.6),
 * focus order and visibility with no trap (10.7, 12.8, 12.9), skip link and landmarks (12.6,
 * 12.7), reflow at 320 px (10.11), zoom to 200 % (10.4), text spacing (10.12), links in text
 * (10.6), forced colours (3.1, 10.7) and reduced motion (13.8). Every page's title is checked
 * on the whole build too.
 */
import type { AddressInfo } from 'node:net';

import type { Browser, BrowserContextOptions, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sitePaths, type Locale } from '@passerelle/content-schemas';

import { launchChromium } from '../../../scripts/src/browser';
import { contentSecurityPolicy as policy, framablePolicy } from '../../../scripts/src/cdnRules';
import { createStaticServer } from '../../../scripts/src/staticServer';
import { translator } from '../../src/lib/i18n';
import { allPages, fixtureFiche } from '../helpers/dist';
import { testDistDir } from '../helpers/paths';

let browser: Browser;
let server: ReturnType<typeof createStaticServer>;
let origin: string;

beforeAll(async () => {
  // The deploy's policy, with the embed lists framable as the CDN serves them (scripts/src/cdnRules.ts),
  // so the embed builder's preview frame shows the list and its links are reached by Tab.
  const strict = policy();
  const framable = framablePolicy(strict);
  server = createStaticServer({ root: () => testDistDir });
  server.prependListener('request', (request, response) =>
    response.setHeader('content-security-policy', /^\/embed\/[a-z]{2}\//.test(request.url ?? '') ? framable : strict),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

const sampleLocales = ['fr', 'ar'] as const satisfies Locale[];

/** The audit's page sample in one language (the embed builder is French only: Arabic gets the embedded list). */
function sample(locale: Locale): string[] {
  return [
    sitePaths.home(locale),
    sitePaths.theme(locale, 'health'),
    sitePaths.departement(locale, '31'),
    sitePaths.fiche(locale, fixtureFiche('carte-vitale')),
    sitePaths.fiche(locale, fixtureFiche('permanence-sante-exil')),
    `${sitePaths.search(locale)}?q=carte`,
    sitePaths.saved(locale),
    sitePaths.offline(locale),
    locale === 'fr' ? sitePaths.embedBuilder() : sitePaths.embedList(locale),
    sitePaths.notFound(locale),
    sitePaths.accessibility(locale),
  ];
}

async function open(options: BrowserContextOptions, urlPath: string, reuse?: Page): Promise<Page> {
  const page = reuse ?? (await (await browser.newContext(options)).newPage());
  await page.goto(`${origin}${urlPath}`);
  // Search results and the lists of "my fiches" are drawn by scripts: wait until they are.
  if (urlPath.includes('?q=')) await page.waitForSelector('.search-results__list a');
  return page;
}

async function eachSamplePage(
  options: BrowserContextOptions,
  check: (page: Page, urlPath: string) => Promise<string[]>,
  only: (urlPath: string) => boolean = () => true,
): Promise<string[]> {
  const problems: string[] = [];
  // One tab for the whole sample: each navigation starts a new document, with nothing left of
  // what a check added to the previous one.
  const page = await (await browser.newContext(options)).newPage();
  try {
    for (const locale of sampleLocales) {
      for (const urlPath of sample(locale).filter(only)) {
        await open(options, urlPath, page);
        problems.push(...(await check(page, urlPath)).map((problem) => `${urlPath}: ${problem}`));
      }
    }
  } finally {
    await page.context().close();
  }
  return problems;
}

/** Whether a title names its page: without the site name it adds, the title and the h1 contain one another. */
function named(title: string, h1: string): boolean {
  const bare = title.replace(/ — [^—]+$/, '').trim();
  return bare !== '' && h1 !== '' && (h1.includes(bare) || bare.includes(h1));
}

describe('page titles (RGAA 8.5, 8.6)', () => {
  it('every built page has a title naming it: its h1, or the site’s name and promise on the home pages', () => {
    const problems: string[] = [];
    for (const built of allPages()) {
      const title = built.document.querySelector('title')?.text.trim() ?? '';
      const h1 = built.document.querySelector('h1')?.text.replace(/\s+/g, ' ').trim() ?? '';
      const locale = built.document.querySelector('html')?.getAttribute('lang');
      const home = locale && translator(locale as Locale)('site.name');
      if (!title) problems.push(`${built.urlPath}: no title`);
      else if (!named(title, h1) && !(home && title.startsWith(home)))
        problems.push(`${built.urlPath}: title « ${title} » does not name « ${h1} »`);
    }
    expect(problems).toEqual([]);
  });

  it.each(sampleLocales)(
    '%s: the sample pages have different titles, also after scripts ran',
    async (locale) => {
      const titles = new Map<string, string>();
      const page = await (await browser.newContext()).newPage();
      try {
        for (const urlPath of sample(locale)) {
          await open({}, urlPath, page);
          const title = await page.title();
          expect(title.trim(), urlPath).not.toBe('');
          expect(titles.get(title), `${urlPath} has the title of ${titles.get(title)}`).toBeUndefined();
          titles.set(title, urlPath);
        }
      } finally {
        await page.context().close();
      }
    },
    120_000,
  );
});

type Focused = { key: string; visible: boolean; onScreen: boolean; inFrame: boolean; skipTarget: string | null };

/** What the focused element of a document is, and whether the reader can see where it is. */
function describeFocus(frame: Page | Frame): Promise<Focused | null> {
  return frame.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const styles = [getComputedStyle(element), getComputedStyle(element, '::before'), getComputedStyle(element, '::after')];
    const visible = styles.some(
      (style) => (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
    );
    const box = element.getBoundingClientRect();
    const onScreen =
      box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
    // Marks the element, so the order check can compare it with the previous one.
    const all = [...document.querySelectorAll('*')];
    const href = element.getAttribute('href');
    return {
      key: `${all.indexOf(element)}:${element.tagName.toLowerCase()}:${(element.textContent ?? '').trim().slice(0, 30)}`,
      visible,
      onScreen,
      inFrame: element.tagName === 'IFRAME',
      skipTarget: href?.startsWith('#') ? (document.getElementById(href.slice(1))?.tagName ?? 'missing') : null,
    };
  });
}

/**
 * Presses Tab from the top of the page to its end, and reports any element focused without a
 * visible indicator or out of the window, any step back in document order, a skip link that is
 * not first or not leading to the main content, and a trap (Tab never leaves the page).
 */
async function walkFocus(page: Page): Promise<string[]> {
  const problems: string[] = [];
  if ((await page.locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').count()) > 0)
    problems.push('a positive tabindex');
  let previousIndex = -1;
  let previousFrameIndex = -1;
  let firstKey: string | undefined;
  const hasHeader = (await page.locator('body > header').count()) > 0;
  // The embed builder's preview is lazy: let it load before Tab reaches it.
  for (const frame of await page.locator('iframe').all()) {
    await frame.scrollIntoViewIfNeeded();
    await frame.contentFrame().locator('a').first().waitFor();
  }
  await page.evaluate(() => scrollTo(0, 0));
  for (let pressed = 0; pressed < 400; pressed += 1) {
    await page.keyboard.press('Tab');
    let focused = await describeFocus(page);
    if (!focused) return problems; // Past the last element: the page let the focus go.
    if (focused.inFrame) {
      // Inside the embed builder's preview: the focused element of the framed list.
      const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
      const inner = frame && (await describeFocus(frame));
      if (!inner) return [...problems, 'the preview frame took the focus but nothing in it is focused'];
      const index = Number(inner.key.split(':')[0]);
      if (index <= previousFrameIndex) problems.push(`focus went back inside the frame to ${inner.key}`);
      previousFrameIndex = index;
      focused = { ...inner, key: `frame ${inner.key}`, onScreen: inner.onScreen && focused.onScreen };
    } else {
      if (focused.key === firstKey) return problems; // Wrapped around to the top: Tab went through.
      const index = Number(focused.key.split(':')[0]);
      if (index <= previousIndex) problems.push(`focus went back to ${focused.key}`);
      previousIndex = index;
    }
    firstKey ??= focused.key;
    // The embedded list (no header, nothing before its content) needs no skip link.
    if (pressed === 0 && hasHeader && focused.skipTarget !== 'MAIN')
      problems.push(`the first element focused is ${focused.key}, not a skip link to <main>`);
    if (!focused.visible) problems.push(`no visible focus on ${focused.key}`);
    if (!focused.onScreen) problems.push(`focused out of the window: ${focused.key}`);
  }
  return [...problems, 'Tab never left the page (keyboard trap?)'];
}

describe('keyboard focus (RGAA 10.7, 12.7, 12.8, 12.9)', () => {
  it('follows the document order with a visible indicator, from the skip link to the end of every sample page', async () => {
    expect(await eachSamplePage({ viewport: { width: 1280, height: 800 } }, walkFocus)).toEqual([]);
  }, 300_000);

  it('stays visible in forced colours (Windows high contrast), where box shadows are dropped', async () => {
    // The focus styles are the same on every page: the pages with the most kinds of controls are enough.
    const kinds = ['/themes/', '/demarches/', '/recherche/', '/embed/'];
    const problems = await eachSamplePage(
      { viewport: { width: 1280, height: 800 }, forcedColors: 'active' },
      async (page) => {
        if (!(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)))
          return ['forced colours are not emulated'];
        return walkFocus(page);
      },
      (urlPath) => kinds.some((kind) => urlPath.includes(kind)),
    );
    expect(problems).toEqual([]);
  }, 300_000);
});

/** Horizontal overflow of the page and text cut by its box, as a reader would meet them. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1)
      problems.push(`horizontal scrolling: ${root.scrollWidth}px in ${root.clientWidth}px`);
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).trim().split(/\s+/).join('.')}` : ''}`;
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      // Text only screen readers get is 1 px wide on purpose.
      if (element.closest('.fr-sr-only')) continue;
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden' || !element.innerText?.trim()) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0) continue;
      const clipsX = ['hidden', 'clip'].includes(style.overflowX);
      const clipsY = ['hidden', 'clip'].includes(style.overflowY);
      if (clipsX && element.scrollWidth > element.clientWidth + 1) problems.push(`text cut horizontally in ${describe(element)}`);
      if (clipsY && element.scrollHeight > element.clientHeight + 1) problems.push(`text cut vertically in ${describe(element)}`);
      if (box.right > root.clientWidth + 1 || box.left < -1)
        problems.push(`${describe(element)} outside the window (${Math.round(box.left)}…${Math.round(box.right)})`);
    }
    return [...new Set(problems)].slice(0, 10);
  });
}

describe('zoom, reflow and text spacing (RGAA 10.4, 10.11, 10.12, 13.9)', () => {
  it('reads at 200 % zoom: a 1280 × 800 window zoomed is 640 × 400 (landscape), and text alone enlarged to 200 %', async () => {
    const problems = await eachSamplePage({ viewport: { width: 640, height: 400 } }, async (page) => {
      const zoomed = await layoutProblems(page);
      // Text-only zoom: through the CSSOM, which the Content-Security-Policy does not govern.
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
      });
      const textOnly = (await layoutProblems(page)).map((problem) => `text at 200 %: ${problem}`);
      return [...zoomed, ...textOnly];
    });
    expect(problems).toEqual([]);
  }, 300_000);

  it('reflows at 320 px wide (portrait) without horizontal scrolling or cut text, also when the reader overrides text spacing (WCAG 1.4.12)', async () => {
    const problems = await eachSamplePage({ viewport: { width: 320, height: 640 } }, async (page) => {
      const reflow = await layoutProblems(page);
      await page.evaluate(() => {
        // A constructed stylesheet, as a reader's extension would add one; the page's policy allows it.
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(
          '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-block-end: 2em !important; }',
        );
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      });
      const applied = await page.evaluate(() => getComputedStyle(document.body).letterSpacing);
      if (applied === 'normal' || applied === '0px') return [...reflow, 'the spacing override was not applied'];
      return [...reflow, ...(await layoutProblems(page)).map((problem) => `with text spacing: ${problem}`)];
    });
    expect(problems).toEqual([]);
  }, 300_000);
});

describe('links, colours and motion (RGAA 10.6, 3.1, 13.8)', () => {
  it('underlines links inside text, so they are not told apart by colour alone', async () => {
    const problems = await eachSamplePage({ viewport: { width: 1280, height: 800 } }, (page) =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLAnchorElement>('main p a[href], main li > a[href]:not([class])')]
          .filter(
            (link) =>
              link.closest('p, li') && (link.closest('p, li')?.textContent ?? '').trim() !== (link.textContent ?? '').trim(),
          )
          .filter((link) => {
            const style = getComputedStyle(link);
            // The DSFR draws its underline as a background image.
            return !style.textDecorationLine.includes('underline') && style.backgroundImage === 'none';
          })
          .map((link) => `link not underlined: ${link.textContent?.trim()}`),
      ),
    );
    expect(problems).toEqual([]);
  }, 300_000);

  it('moves nothing when the reader asks for reduced motion: no animation, transition or smooth scrolling', async () => {
    const problems = await eachSamplePage({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' }, (page) =>
      page.evaluate(() => {
        const seconds = (value: string) =>
          Math.max(...value.split(',').map((part) => parseFloat(part) * (part.trim().endsWith('ms') ? 0.001 : 1)));
        const found: string[] = [];
        for (const element of [document.documentElement, ...document.querySelectorAll('body *')]) {
          for (const pseudo of [null, '::before', '::after']) {
            const style = getComputedStyle(element, pseudo);
            const name = `${element.tagName.toLowerCase()}${pseudo ?? ''}`;
            if (style.animationName !== 'none' && seconds(style.animationDuration) > 0.01)
              found.push(`animation ${style.animationName} on ${name}`);
            if (style.transitionProperty !== 'none' && seconds(style.transitionDuration) > 0.01)
              found.push(`transition of ${style.transitionProperty} on ${name}`);
          }
          if (getComputedStyle(element).scrollBehavior === 'smooth')
            found.push(`smooth scrolling on ${element.tagName.toLowerCase()}`);
        }
        return [...new Set(found)];
      }),
    );
    expect(problems).toEqual([]);
  }, 300_000);
});

describe('landmarks and navigation (RGAA 9.2, 12.5, 12.6)', () => {
  it('every sample page of the site has its banner, named main navigation leading to search, main, footer with the accessibility statement', async () => {
    const problems: string[] = [];
    const page = await (await browser.newContext()).newPage();
    for (const locale of sampleLocales) {
      for (const urlPath of sample(locale).filter((candidate) => !candidate.startsWith('/embed/'))) {
        await open({}, urlPath, page);
        {
          const pageLocale = (await page.locator('html').getAttribute('lang')) as Locale;
          const tl = translator(pageLocale);
          const navigation = page.getByRole('navigation', { name: tl('nav.main'), exact: true });
          if ((await page.getByRole('banner').count()) !== 1) problems.push(`${urlPath}: not one banner`);
          if ((await page.getByRole('main').count()) !== 1) problems.push(`${urlPath}: not one main`);
          if ((await navigation.count()) !== 1) problems.push(`${urlPath}: no navigation named « ${tl('nav.main')} »`);
          else if ((await navigation.getByRole('link').first().getAttribute('href')) !== sitePaths.search(pageLocale))
            problems.push(`${urlPath}: search is not the first link of the main navigation`);
          const statement = page
            .getByRole('contentinfo')
            .getByRole('link', { name: tl('footer.accessibility', { level: '' }).trim() });
          if ((await statement.count()) !== 1 || (await statement.getAttribute('href')) !== sitePaths.accessibility(pageLocale))
            problems.push(`${urlPath}: no link to the accessibility statement in the footer`);
        }
      }
    }
    await page.context().close();
    expect(problems).toEqual([]);
  }, 120_000);
});

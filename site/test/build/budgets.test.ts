/**
 * Weight budgets on the fixture build, in gzip bytes as readers download them: a fiche page
 * must stay cheap on a slow, paid connection, and nothing may need a script to be read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { localeCodes, sitePaths } from '@passerelle/content-schemas';

import { staticImports } from '../../../scripts/src/bench/pageWeights';
import { allPages, distFiles, fixtureFiches, page, type BuiltPage } from '../helpers/dist';
import { testDistDir } from '../helpers/paths';

const KB = 1024;
const budgets = { ficheHtml: 14 * KB, htmlPlusCss: 30 * KB, script: 5 * KB };

const gzipSize = (content: string | Buffer) => gzipSync(content, { level: 9 }).byteLength;
const distFile = (urlPath: string) => readFileSync(path.join(testDistDir, urlPath));

function stylesheetsOf(built: BuiltPage): string[] {
  return built.document.querySelectorAll('link[rel=stylesheet]').map((link) => link.getAttribute('href') ?? '');
}

/**
 * What a page costs on first visit, gzipped: its HTML, its stylesheet and the scripts that run on
 * load with the modules they import statically. Modules loaded on use (`import()`, e.g. the
 * search engine) are not counted: the search budgets hold them (test/browser/search.test.ts).
 */
function firstVisitBytes(built: BuiltPage): { html: number; css: number; js: number; total: number } {
  const html = gzipSize(built.html);
  const css = stylesheetsOf(built).reduce((total, href) => total + gzipSize(distFile(href)), 0);
  const scripts = new Set<string>();
  const visit = (src: string) => {
    if (scripts.has(src)) return;
    scripts.add(src);
    const code = distFile(src).toString('utf8');
    for (const imported of staticImports(code)) visit(path.posix.join(path.posix.dirname(src), imported));
  };
  for (const script of built.document.querySelectorAll('script[src]')) visit(script.getAttribute('src') ?? '');
  const js = [...scripts].reduce((total, src) => total + gzipSize(distFile(src)), 0);
  return { html, css, js, total: html + css + js };
}

/** Limits per kind of page, in French and in Arabic (longer words, another script). */
const pageTypeBudgets: { type: string; paths: string[]; html: number; total: number }[] = [
  { type: 'language chooser', paths: [sitePaths.languageChooser()], html: 4 * KB, total: 16 * KB },
  { type: 'home', paths: [sitePaths.home('fr'), sitePaths.home('ar')], html: 8 * KB, total: 20 * KB },
  { type: 'theme', paths: [sitePaths.theme('fr', 'health'), sitePaths.theme('ar', 'health')], html: 8 * KB, total: 20 * KB },
  { type: 'départements', paths: [sitePaths.departements('fr'), sitePaths.departements('ar')], html: 8 * KB, total: 20 * KB },
  {
    type: 'département',
    paths: [sitePaths.departement('fr', '31'), sitePaths.departement('ar', '31')],
    html: 8 * KB,
    total: 20 * KB,
  },
  {
    type: 'structure',
    paths: [sitePaths.structure('fr', 'accueil-sante-exil'), sitePaths.structure('ar', 'accueil-sante-exil')],
    html: 8 * KB,
    total: 20 * KB,
  },
  { type: 'search (before use)', paths: [sitePaths.search('fr'), sitePaths.search('ar')], html: 10 * KB, total: 24 * KB },
  {
    type: 'fiche',
    paths: fixtureFiches().flatMap((fiche) => [sitePaths.fiche('fr', fiche), sitePaths.fiche('ar', fiche)]),
    html: budgets.ficheHtml,
    total: 30 * KB,
  },
];

const fichePages = fixtureFiches().flatMap((fiche) => localeCodes.map((locale) => sitePaths.fiche(locale, fiche)));

describe('budgets', () => {
  it.each(fichePages)('%s: HTML ≤ 14 KB gzipped', (urlPath) => {
    expect(gzipSize(page(urlPath).html)).toBeLessThanOrEqual(budgets.ficheHtml);
  });

  describe.each(pageTypeBudgets)('$type', ({ paths, html, total }) => {
    it.each(paths)(`%s: HTML ≤ ${html / KB} KB, HTML + CSS + JS on load ≤ ${total / KB} KB`, (urlPath) => {
      const bytes = firstVisitBytes(page(urlPath));
      expect(bytes.html, JSON.stringify(bytes)).toBeLessThanOrEqual(html);
      expect(bytes.total, JSON.stringify(bytes)).toBeLessThanOrEqual(total);
    });
  });

  it('every page: HTML + CSS ≤ 30 KB gzipped', () => {
    const over: string[] = [];
    for (const built of allPages()) {
      const css = stylesheetsOf(built).reduce((total, href) => total + gzipSize(distFile(href)), 0);
      const total = gzipSize(built.html) + css;
      if (total > budgets.htmlPlusCss) over.push(`${built.urlPath}: ${total} bytes`);
    }
    expect(over).toEqual([]);
  });

  it('every page uses one shared stylesheet', () => {
    const stylesheets = new Set(allPages().flatMap(stylesheetsOf));
    expect(stylesheets.size).toBe(1);
  });

  it('no page needs a script, and none is inline: data blocks and small external module scripts only', () => {
    for (const built of allPages()) {
      for (const script of built.document.querySelectorAll('script')) {
        const type = script.getAttribute('type');
        if (type === 'application/ld+json' || type === 'application/json') continue;
        expect(type, built.urlPath).toBe('module');
        // Inline scripts would need 'unsafe-inline' in the Content-Security-Policy.
        const src = script.getAttribute('src');
        expect(src, built.urlPath).toBeTruthy();
        expect(gzipSize(distFile(src ?? '')), built.urlPath).toBeLessThanOrEqual(budgets.script);
      }
      expect(built.document.querySelectorAll('style, [style]').length, built.urlPath).toBe(0);
    }
  });

  it('ships no JavaScript file of its own larger than the enhancement budget', () => {
    // Pagefind's runtime (pagefind/) loads only when a reader uses the search: the browser tests
    // hold it to the search budgets.
    const own = distFiles('.js').filter((file) => !file.startsWith(`pagefind${path.sep}`));
    expect(own.length).toBeGreaterThan(0);
    for (const file of own)
      expect(gzipSize(readFileSync(path.join(testDistDir, file))), file).toBeLessThanOrEqual(budgets.script);
  });
});

describe('the stylesheet', () => {
  const css = () =>
    distFiles('.css')
      .map((file) => readFileSync(path.join(testDistDir, file), 'utf8'))
      .join('\n');

  it('downloads no web font, and none is even shipped', () => {
    expect(css()).not.toMatch(/@font-face|Marianne|Spectral|\.woff2?/i);
    expect([...distFiles('.woff'), ...distFiles('.woff2'), ...distFiles('.ttf')]).toEqual([]);
  });

  it('uses logical properties only, so RTL pages mirror', () => {
    const physical = css().match(
      /(?:^|[;{])\s*(?:(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)|left|right|border-(?:top|bottom)-(?:left|right)-radius)\s*:|(?:text-align|float|clear)\s*:\s*(?:left|right)\b/g,
    );
    expect(physical).toBeNull();
  });

  it('kept the DSFR components the pages use and dropped the others', () => {
    const text = css();
    for (const used of [
      '.fr-header',
      '.fr-footer',
      '.fr-breadcrumb',
      '.fr-tag',
      '.fr-card',
      '.fr-notice',
      '.fr-skiplinks',
      '.fr-input',
      '.fr-select',
      '.fr-btn',
    ]) {
      expect(text).toContain(used);
    }
    for (const unused of [
      '.fr-modal',
      '.fr-accordion',
      '.fr-table',
      '.fr-btn--icon-left',
      '.fr-input-wrap--addon',
      '[type=date]',
    ])
      expect(text).not.toContain(unused);
    // Icon classes (the icons are inline SVG) and the date field: words of the code, used by no page.
    // Rules for elements without an icon class (`:not([class^=fr-icon-])`) stay.
    expect(text).not.toMatch(/(^|[,{}])\[class[\^*]="? ?fr-icon-/);
  });

  it('has a print stylesheet', () => {
    expect(css()).toContain('@media print');
  });
});

describe('images', () => {
  it('are responsive AVIF and WebP with width, height and lazy loading below the fold', () => {
    const fiche = fixtureFiches().find((candidate) => candidate.slug === 'permanence-sante-exil');
    if (!fiche) throw new Error('fixture missing');
    const { document } = page(sitePaths.fiche('ar', fiche));
    const picture = document.querySelector('picture');
    expect(picture?.querySelectorAll('source').map((source) => source.getAttribute('type'))).toEqual([
      'image/avif',
      'image/webp',
    ]);
    const img = picture?.querySelector('img');
    expect(img?.getAttribute('width')).toBeTruthy();
    expect(img?.getAttribute('height')).toBeTruthy();
    expect(img?.getAttribute('loading')).toBe('lazy');
    expect(img?.getAttribute('alt')).toBeTruthy();
  });
});

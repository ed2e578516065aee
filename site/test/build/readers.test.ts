/**
 * The readers' features in the fixture build: the per-device pages ("my fiches", offline) in
 * every language and out of search engines, the fiche tools shipped hidden (no dead button
 * without JavaScript), the printed address and its QR code file, and the generated service worker.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

import { describe, expect, it } from 'vitest';

import { localeCodes, sitePaths } from '@passerelle/content-schemas';

import { serviceWorkerConfig, type ServiceWorkerConfig } from '../../src/integrations/serviceWorker';
import { translator } from '../../src/lib/i18n';
import { qrCodeSvg } from '../../src/lib/qrCode';
import { allPages, fixtureFiches, page } from '../helpers/dist';
import { testDistDir, testSiteUrl } from '../helpers/paths';

const perDevicePages = localeCodes.flatMap((locale) => [sitePaths.saved(locale), sitePaths.offline(locale)]);
const fichePages = fixtureFiches().flatMap((fiche) => localeCodes.map((locale) => sitePaths.fiche(locale, fiche)));
const readDist = (file: string) => readFileSync(path.join(testDistDir, file), 'utf8');

describe('"my fiches" and offline pages', () => {
  it.each(perDevicePages)('%s is not indexed, canonical to itself, and no one’s hreflang translation', (urlPath) => {
    const { document } = page(urlPath);
    expect(document.querySelector('meta[name=robots]')?.getAttribute('content')).toBe('noindex');
    expect(document.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(`${testSiteUrl}${urlPath}`);
    expect(document.querySelectorAll('link[rel=alternate][hreflang]')).toHaveLength(0);
    const switcher = document.querySelectorAll('.language-switcher a').map((link) => link.getAttribute('href'));
    const pathFor = urlPath.includes('/mes-fiches/') ? sitePaths.saved : sitePaths.offline;
    expect(switcher).toEqual(localeCodes.map(pathFor));
  });

  it('are in no sitemap', () => {
    const sitemaps = localeCodes.map((locale) => readDist(`sitemap-${locale}.xml`)).join('\n');
    for (const urlPath of perDevicePages) expect(sitemaps).not.toContain(urlPath);
  });

  it('every page links to "my fiches" in its language from the header', () => {
    for (const built of allPages()) {
      const locale = localeCodes.find((code) => built.urlPath.startsWith(`/${code}/`));
      if (!locale) continue;
      const link = built.document
        .querySelectorAll('.site-tools a')
        .find((anchor) => anchor.getAttribute('href') === sitePaths.saved(locale));
      expect(link?.text, built.urlPath).toBe(translator(locale)('saved.navLink'));
    }
  });
});

describe('fiche tools', () => {
  it.each(fichePages)('%s ships its tools hidden, every button hidden too, out of the search index', (urlPath) => {
    const { document } = page(urlPath);
    const tools = document.querySelector('[data-fiche-tools]');
    expect(tools?.hasAttribute('hidden')).toBe(true);
    expect(tools?.hasAttribute('data-pagefind-ignore')).toBe(true);
    const buttons = tools?.querySelectorAll('button') ?? [];
    expect(buttons.length).toBe(7);
    for (const button of buttons) {
      const hidden = button.hasAttribute('hidden') || button.closest('[data-read-controls]')?.hasAttribute('hidden');
      expect(hidden, button.outerHTML).toBe(true);
    }
  });

  it.each(fichePages)('%s prints its own address and has the QR code of it', (urlPath) => {
    const { document } = page(urlPath);
    const url = `${testSiteUrl}${urlPath}`;
    expect(document.querySelector('.print-address a')?.getAttribute('href')).toBe(url);
    const image = document.querySelector('.print-address img');
    expect(image?.getAttribute('src')).toBe(`${urlPath}qr.svg`);
    expect(image?.getAttribute('loading')).toBe('lazy');
    expect(readDist(`${urlPath}qr.svg`)).toBe(qrCodeSvg(url));
  });

  it('shares the canonical URL: the French page for a fallback', () => {
    const fiche = fixtureFiches().find((candidate) => candidate.slug === 'protection-universelle-maladie');
    if (!fiche) throw new Error('fixture missing');
    expect(page(sitePaths.fiche('fa', fiche)).document.querySelector('[data-fiche-tools]')?.getAttribute('data-share-url')).toBe(
      `${testSiteUrl}${sitePaths.fiche('fr', fiche)}`,
    );
  });
});

describe('the service worker', () => {
  const source = readDist('sw.js');
  const embedded = JSON.parse(/\}\)\((\{.*\})\);\s*$/s.exec(source)?.[1] ?? 'null') as ServiceWorkerConfig;

  it('is valid JavaScript that listens for install, activate and fetch, and nothing else at start', () => {
    const listened: string[] = [];
    vm.runInNewContext(source, { self: { addEventListener: (type: string) => listened.push(type) } });
    expect(listened.sort()).toEqual(['activate', 'fetch', 'install']);
  });

  it('carries the precache list of this build, and a version', async () => {
    // The version also hashes the worker's code, which each transpiler prints its own way.
    expect({ ...embedded, version: '' }).toEqual({ ...(await serviceWorkerConfig(testDistDir)), version: '' });
    expect(embedded.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('precaches the stylesheet every page uses, the icon, the offline page of every language and the modules they import', () => {
    const stylesheets = new Set(
      allPages().flatMap((built) =>
        built.document.querySelectorAll('link[rel=stylesheet]').map((link) => link.getAttribute('href')),
      ),
    );
    expect([...stylesheets]).toEqual([embedded.stylesheet]);
    expect(embedded.precache).toContain(embedded.stylesheet);
    expect(embedded.precache).toContain('/favicon.svg');
    for (const locale of localeCodes) {
      expect(embedded.precache).toContain(sitePaths.offline(locale));
      expect(embedded.offlinePages[locale]).toBe(sitePaths.offline(locale));
    }
    for (const file of embedded.precache)
      expect(existsSync(path.join(testDistDir, file.endsWith('/') ? `${file}index.html` : file)), file).toBe(true);
    for (const file of embedded.precache.filter((name) => name.endsWith('.js'))) {
      for (const [, imported] of readDist(file).matchAll(/from\s*"\.\/([^"]+\.js)"/g))
        expect(embedded.precache).toContain(`/_astro/${imported}`);
    }
  });

  it('precaches no fiche, no search index and nothing of another page than the offline ones', () => {
    const pages = embedded.precache.filter((file) => file.endsWith('/'));
    expect(pages.sort()).toEqual(localeCodes.map(sitePaths.offline).sort());
    expect(embedded.precache.filter((file) => file.startsWith('/pagefind/'))).toEqual([]);
  });
});

/**
 * The Pagefind index of the fixture build: one index per language holding every fiche page of
 * that language (French fallbacks with less of their text, marked `text:fr`), the filters and
 * result metadata every fiche carries, and nothing of Pagefind's own interfaces shipped.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import { close, createIndex } from 'pagefind';
import { describe, expect, it } from 'vitest';

import { localeCodes, sitePaths } from '@passerelle/content-schemas';

import { requiredResultMeta, withoutHead } from '../../src/integrations/searchIndex';
import { pageTitle, rankTitles, titleSortPlaceholder } from '../../src/lib/searchOrder';
import { fixtureFiche, fixtureFiches, page } from '../helpers/dist';
import { fixtureSnapshotDir, testDistDir } from '../helpers/paths';

const bundle = (file: string) => path.join(testDistDir, 'pagefind', file);
const entry = () =>
  JSON.parse(readFileSync(bundle('pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };

function filtersOf(urlPath: string): string[] {
  return page(urlPath)
    .document.querySelectorAll('[data-pagefind-filter]')
    .map((element) => element.getAttribute('data-pagefind-filter') ?? '');
}

describe('the search index', () => {
  it('has one index per language with every fiche page of that language', () => {
    const expected = Object.fromEntries(localeCodes.map((locale) => [locale, { page_count: fixtureFiches().length }]));
    expect(
      Object.fromEntries(Object.entries(entry().languages).map(([language, { page_count }]) => [language, { page_count }])),
    ).toEqual(expected);
  });

  it('marks French-only pages text:fr and leaves their sections out, the French index has them', () => {
    for (const fiche of fixtureFiches()) {
      for (const locale of localeCodes) {
        const { document } = page(sitePaths.fiche(locale, fiche));
        const translated = fiche.translatedLocales.includes(locale);
        expect([locale, fiche.slug, document.querySelectorAll('[data-pagefind-body]').length]).toEqual([locale, fiche.slug, 1]);
        expect([
          locale,
          fiche.slug,
          filtersOf(sitePaths.fiche(locale, fiche)).filter((filter) => filter.startsWith('text:')),
        ]).toEqual([locale, fiche.slug, [translated ? 'text:own' : 'text:fr']]);
        expect(document.querySelector('.fiche-body')?.hasAttribute('data-pagefind-ignore')).toBe(!translated);
      }
    }
    expect(fixtureFiche('complementaire-sante-solidaire').translatedLocales).not.toContain('ps');
  });

  it('gives French-only pages the names of their themes and needs in the page language, to be found by', () => {
    const { document } = page(sitePaths.fiche('ps', fixtureFiche('complementaire-sante-solidaire')));
    const names = document.querySelector('article > p[hidden]');
    expect(names?.closest('[data-pagefind-ignore]')).toBeNull();
    const themes = JSON.parse(readFileSync(path.join(fixtureSnapshotDir, 'themes.json'), 'utf8')) as {
      slug: string;
      name: Record<string, string>;
    }[];
    expect(names?.textContent).toContain(themes.find((theme) => theme.slug === 'health')?.name['ps']);
    // A translated page is found by its own words only.
    expect(page(sitePaths.fiche('ps', fixtureFiche('carte-vitale'))).document.querySelector('article > p[hidden]')).toBeNull();
  });

  it('ranks titles in each language’s alphabetical order for filter-only results', () => {
    for (const locale of ['fr', 'ar', 'ps'] as const) {
      const entries = fixtureFiches().map((fiche) => {
        const url = sitePaths.fiche(locale, fiche);
        const { document, html } = page(url);
        // The page says only where its rank goes: the rank depends on the other fiches, so the
        // search index pass sets it (a page depends on its own fiche only: docs/publishing.md).
        expect(document.querySelector('[data-pagefind-sort]')?.getAttribute('data-pagefind-sort')).toBe(titleSortPlaceholder);
        const title = pageTitle(html) ?? '';
        expect(title).toBe(document.querySelector('h1')?.textContent?.trim());
        return { url, title, translated: fiche.translatedLocales.includes(locale) };
      });
      const ranks = rankTitles(locale, entries);
      const ranked = entries.map((entry) => ({ ...entry, rank: ranks.get(entry.url) ?? -1 })).sort((a, b) => a.rank - b.rank);
      expect(ranked.map((entry) => entry.rank)).toEqual(ranked.map((_entry, index) => index));
      const collated = [...ranked].sort(
        (a, b) => Number(b.translated) - Number(a.translated) || a.title.localeCompare(b.title, a.translated ? locale : 'fr'),
      );
      expect(ranked.map((entry) => entry.title)).toEqual(collated.map((entry) => entry.title));
    }
  });

  it('keeps the header, breadcrumb, footer, language list, short link and shared labels out of the searchable text', () => {
    const { document } = page(sitePaths.fiche('ar', fixtureFiche('carte-vitale')));
    const body = document.querySelector('[data-pagefind-body]');
    expect(body?.closest('header, footer, nav')).toBeNull();
    expect(body?.querySelector('header, footer, nav, .fr-breadcrumb')).toBeNull();
    for (const ignored of ['.fiche-languages', '.short-link', '.infocards', '.fiche-type'])
      expect(body?.querySelector(ignored)?.closest('[data-pagefind-ignore]')).toBeTruthy();
  });

  it('gives every result its title, summary, type and date', () => {
    const { document } = page(sitePaths.fiche('fr', fixtureFiche('halte-garderie-insertion')));
    const keys = document
      .querySelectorAll('[data-pagefind-meta]')
      .flatMap((element) =>
        (element.getAttribute('data-pagefind-meta') ?? '').split(',').map((part) => part.trim().replace(/[[:].*$/, '')),
      );
    // `image` is set empty so that Pagefind does not take the structure's logo as the result's image.
    expect(keys.sort()).toEqual([...requiredResultMeta, 'image'].sort());
  });

  it('downloads with a result what the result list shows, and no image', () => {
    const fragments = readdirSync(bundle('fragment')).filter((file) => file.startsWith('fr_'));
    const records = fragments.map(
      (file) =>
        JSON.parse(
          gunzipSync(readFileSync(bundle(`fragment/${file}`)))
            .toString('utf8')
            .slice('pagefind_dcd'.length),
        ) as {
          url: string;
          meta: Record<string, string>;
        },
    );
    // The fixture fiche with a structure logo in its body, which Pagefind would otherwise take.
    const withLogo = records.find((record) => record.url === sitePaths.fiche('fr', fixtureFiche('halte-garderie-insertion')));
    expect(page(withLogo?.url ?? '').document.querySelector('.fiche img')).not.toBeNull();
    expect(withLogo?.meta.image).toBe('');
    expect(records.filter((record) => record.meta.image !== '' || 'image_alt' in record.meta)).toEqual([]);
  });

  it('files a local fiche under its départements and the filters of its reader', () => {
    expect(filtersOf(sitePaths.fiche('ar', fixtureFiche('halte-garderie-insertion')))).toEqual(
      expect.arrayContaining([
        'type:dispositif',
        'theme:family',
        'need:childcare',
        'departement:38',
        'status:refugee',
        'french:none',
        'french:C2',
        'structure:maison-des-familles',
      ]),
    );
  });

  it('files a national fiche under "france" and an online one under "online", which every département matches', () => {
    expect(filtersOf(sitePaths.fiche('fr', fixtureFiche('carte-vitale')))).toContain('departement:france');
    expect(filtersOf(sitePaths.fiche('fr', fixtureFiche('complementaire-sante-solidaire')))).toContain('departement:online');
    expect(
      filtersOf(sitePaths.fiche('fr', fixtureFiche('carte-vitale'))).filter((filter) => filter.startsWith('departement:')),
    ).toHaveLength(1);
  });

  it('splits each index into small chunks, so that a query downloads little', () => {
    const chunks = readdirSync(bundle('index'));
    expect(chunks.filter((chunk) => chunk.startsWith('fr_')).length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(statSync(bundle(`index/${chunk}`)).size, chunk).toBeLessThanOrEqual(8 * 1024);
  });

  it('ships Pagefind’s search runtime but none of its interfaces', () => {
    for (const file of ['pagefind.js', 'pagefind-entry.json', 'wasm.ar.pagefind', 'wasm.unknown.pagefind'])
      expect(existsSync(bundle(file)), file).toBe(true);
    for (const file of ['pagefind-ui.js', 'pagefind-component-ui.js', 'pagefind-modular-ui.js', 'pagefind-highlight.js'])
      expect(existsSync(bundle(file)), file).toBe(false);
  });

  it('is the same whether Pagefind gets a fiche page whole or without the inside of its head', async () => {
    // The search pass drops each page's head (src/integrations/searchIndex.ts, withoutHead): Pagefind must read nothing there.
    const pages = ['fr', 'ar', 'ps'].flatMap((locale) =>
      fixtureFiches().map((fiche) => {
        const { html, urlPath } = page(sitePaths.fiche(locale as 'fr', fiche));
        return { url: urlPath, html };
      }),
    );
    for (const { html } of pages) expect(withoutHead(html).length).toBeLessThan(html.length - 4000);
    const bundles: Map<string, string>[] = [];
    try {
      for (const trim of [false, true]) {
        const { index } = await createIndex({});
        if (!index) throw new Error('no Pagefind index');
        for (const { url, html } of pages) await index.addHTMLFile({ url, content: trim ? withoutHead(html) : html });
        const { files } = await index.getFiles();
        bundles.push(
          new Map(
            files
              .filter((file) => /^(index|fragment)[/]/.test(file.path))
              .map((file) => [file.path, Buffer.from(file.content).toString('base64')]),
          ),
        );
      }
    } finally {
      await close();
    }
    expect(bundles[0]?.size).toBeGreaterThan(pages.length);
    expect(bundles[1]).toEqual(bundles[0]);
  });
});

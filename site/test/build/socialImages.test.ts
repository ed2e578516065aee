/**
 * The sharing images (`og:image`) of the fixture build: one per kind of page and language, at the
 * size the page declares, text only where the machine has a font for the language, laid out in
 * the page's direction, and never loaded by a page nor kept by the service worker.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { localeCodes, sitePaths } from '@passerelle/content-schemas';

import { socialImageSvg } from '../../src/integrations/socialImages';
import { socialImage, socialImageSize, socialImageTypes } from '../../src/lib/socialImage';
import { allPages, fixtureFiche, page } from '../helpers/dist';
import { testDistDir, testSiteUrl } from '../helpers/paths';

describe('the sharing images', () => {
  it('exist for every kind of page in every language, at the declared size', async () => {
    for (const locale of localeCodes) {
      for (const type of socialImageTypes) {
        const file = path.join(testDistDir, socialImage.path(locale, type));
        const { width, height, format } = await sharp(readFileSync(file)).metadata();
        expect([locale, type, format, width, height]).toEqual([
          locale,
          type,
          'png',
          socialImageSize.width,
          socialImageSize.height,
        ]);
      }
    }
  });

  it('are those of the kind of page and its language', () => {
    const cases: [string, string][] = [
      [sitePaths.home('fr'), '/og/fr/home.png'],
      [sitePaths.fiche('ar', fixtureFiche('carte-vitale')), '/og/ar/demarche.png'],
      [sitePaths.fiche('ti', fixtureFiche('halte-garderie-insertion')), '/og/ti/dispositif.png'],
      [sitePaths.theme('ps', 'health'), '/og/ps/theme.png'],
      [sitePaths.search('fa'), '/og/fa/search.png'],
      ['/uk/departements/', '/og/uk/departement.png'],
      [sitePaths.saved('ru'), '/og/ru/site.png'],
    ];
    for (const [urlPath, image] of cases)
      expect([urlPath, page(urlPath).document.querySelector('meta[property="og:image"]')?.getAttribute('content')]).toEqual([
        urlPath,
        `${testSiteUrl}${image}`,
      ]);
  });

  it('carry text only with a font for the language, and follow its direction', () => {
    expect(socialImageSvg('ti', 'demarche', false)).not.toContain('<text');
    const french = socialImageSvg('fr', 'demarche', true);
    expect(french).toContain('Démarche');
    expect(french).toContain('text-anchor="start"');
    const arabic = socialImageSvg('ar', 'demarche', true);
    expect(arabic).toContain('direction="rtl"');
    expect(arabic).toContain('text-anchor="start"');
    // The drawing sits on the inline-start side: the left in French, the right in Arabic.
    const drawingX = (svg: string) => Number(/<g transform="translate\((\d+)/.exec(svg)?.[1]);
    expect(drawingX(french)).toBeLessThan(socialImageSize.width / 2);
    expect(drawingX(arabic)).toBeGreaterThan(socialImageSize.width / 2);
  });

  it('are never loaded by a page nor kept by the service worker', () => {
    for (const built of allPages()) {
      const references = built.html.match(/\/og\/[a-z]+\/[a-z]+\.png/g) ?? [];
      const inMeta = built.document.querySelectorAll('meta[property="og:image"]').length;
      expect([built.urlPath, references.length]).toEqual([built.urlPath, inMeta]);
    }
    expect(readFileSync(path.join(testDistDir, 'sw.js'), 'utf8')).not.toContain('/og/');
  });
});

/** The translation cases the fixtures must keep covering: a partial translation and an outdated unit. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseDocuments, translatedLocales } from '@passerelle/content-schemas';
import { fixtureSnapshotDir } from '@passerelle/content-schemas/repository';
import { sectionItemsIn, unitIn } from '../../../src/lib/render/fallback';

const fiches = async () =>
  parseDocuments('fiches', JSON.parse(await readFile(path.join(fixtureSnapshotDir, 'fiches.json'), 'utf8')));
const fixture = async (slug: string) => {
  const fiche = (await fiches()).find((candidate) => candidate.slug === slug);
  if (!fiche) throw new Error(`No fixture fiche ${slug}`);
  return fiche;
};

describe('the fixture translations', () => {
  it('have a fiche translated into Persian but for one section item, shown in French', async () => {
    const fiche = await fixture('complementaire-sante-solidaire');
    expect(translatedLocales(fiche)).toContain('fa');
    const items = sectionItemsIn(fiche, 'how', 'fa');
    expect(items.map((item) => [item.locale, item.isFallback])).toEqual([
      ['fa', false],
      ['fa', false],
      ['fr', true],
    ]);
    expect(items[2]?.value.title).toBe(fiche.how?.fr?.[2]?.title);
  });

  it('have an Arabic unit validated before the French changed', async () => {
    const fiche = await fixture('carte-vitale');
    const items = sectionItemsIn(fiche, 'how', 'ar');
    expect(items.map((item) => item.outdatedSince)).toEqual([null, '2026-11-20T09:30:00.000Z', null]);
    expect(items.every((item) => item.locale === 'ar')).toBe(true);
    expect(unitIn(fiche.title, 'title', 'ar', fiche.translationStatus)?.outdatedSince).toBeNull();
  });
});

import { randomBytes, randomUUID } from 'node:crypto';

import { createShortId, directionOf, type Locale } from '@passerelle/content-schemas';

import { markupToLexical } from './markupToLexical';
import { infocardsOf, type SeedFiche, type SeedTranslation } from './seedData';

type Ids = Record<'themes' | 'needs' | 'structures' | 'documents', Map<string, string>>;

/**
 * Seed-shaped fiches (the bench's synthetic corpus) in the shape of a published snapshot, so they
 * go in through `importFiches` like a file moved from another Passerelle. Ids are made here, so
 * links between fiches (`fiche:<key>` in the markup) point at the fiche that will carry them.
 */
export function snapshotFichesOf(fiches: readonly SeedFiche[], ids: Ids): Record<string, unknown>[] {
  const ficheIds = new Map(fiches.map((fiche) => [fiche.key, randomUUID()]));
  const resolveFiche = (key: string) => {
    const id = ficheIds.get(key);
    if (!id) throw new Error(`the corpus links to fiche "${key}", which it does not have`);
    return id;
  };
  const required = (collection: keyof Ids, key: string) => {
    const id = ids[collection].get(key);
    if (!id) throw new Error(`${collection} "${key}" is not in the database`);
    return id;
  };
  const now = new Date().toISOString();
  return fiches.map((fiche) => {
    const languages = Object.entries(fiche.translations) as [Locale, SeedTranslation][];
    const text = <K extends 'title' | 'brandName' | 'administrationName' | 'summary'>(key: K) =>
      Object.fromEntries(languages.map(([locale, translation]) => [locale, translation[key]]));
    const section = (key: 'what' | 'why' | 'how' | 'next') =>
      Object.fromEntries(
        languages.map(([locale, translation]) => [
          locale,
          translation[key].map((item) => ({
            title: item.title,
            body: markupToLexical(item.body, directionOf(locale), resolveFiche),
          })),
        ]),
      );
    return {
      id: resolveFiche(fiche.key),
      type: fiche.type,
      title: text('title'),
      brandName: text('brandName'),
      administrationName: text('administrationName'),
      summary: text('summary'),
      what: section('what'),
      why: section('why'),
      how: section('how'),
      next: section('next'),
      documents: Object.fromEntries(
        languages.map(([locale, translation]) => [
          locale,
          fiche.documents.map((row, index) => ({
            ...(locale === 'fr' ? { document: row.document ? required('documents', row.document) : null, need: row.need } : {}),
            name: translation.documents[index]?.name ?? null,
            note: translation.documents[index]?.note ?? null,
          })),
        ]),
      ),
      noDocuments: fiche.noDocuments,
      stepsBefore: fiche.stepsBefore.map(resolveFiche),
      stepsAfter: fiche.stepsAfter.map(resolveFiche),
      infocards: infocardsOf(fiche),
      primaryTheme: required('themes', fiche.primaryTheme),
      secondaryThemes: fiche.secondaryThemes.map((theme) => required('themes', theme)),
      needs: fiche.needs.map((need) => required('needs', need)),
      mainStructure: required('structures', fiche.mainStructure),
      partnerStructures: fiche.partnerStructures.map((structure) => required('structures', structure)),
      externalLink: fiche.externalLink,
      slug: fiche.key,
      shortId: createShortId((size) => randomBytes(size)),
      lastCheckedAt: new Date(`${fiche.lastCheckedAt}T00:00:00.000Z`).toISOString(),
      createdAt: now,
      updatedAt: now,
      _status: 'published',
    };
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Payload } from 'payload';

import type { Translation } from '../../src/payload-types';
import { coverage, reviewQueue, workList } from '../../src/translation/dashboard';
import { backfillTranslationProgress, progressOf } from '../../src/translation/progress';
import { translatableContentOf } from '../../src/translation/units';
import { arabicDemarche, createPayloadWithTaxonomy, frenchDemarche } from '../helpers/fixtures';
import type { TestPayload } from '../helpers/payload';

const context = { skipRebuild: true };

let testPayload: TestPayload;
let payload: Payload;
let taxonomy: { themeId: string; structureId: string };

async function translationOf(ficheId: string, language: string): Promise<Translation> {
  const { docs } = await payload.find({
    collection: 'translations',
    where: { and: [{ fiche: { equals: ficheId } }, { language: { equals: language } }] },
    depth: 0,
  });
  return docs[0] as Translation;
}

/** The figures computed from scratch, as the dashboard did on every visit before they were stored. */
async function recomputed(ficheId: string, language: string) {
  const french = await payload.findByID({ collection: 'fiches', id: ficheId, locale: 'fr', draft: true, depth: 0 });
  return progressOf(translatableContentOf(french), await translationOf(ficheId, language));
}

beforeAll(async () => {
  ({ testPayload, payload, taxonomy } = await createPayloadWithTaxonomy());
});

afterAll(async () => {
  await testPayload?.cleanup();
});

describe('dashboard figures kept by hooks', () => {
  it('follow a translation from nothing to validated, then a French change, in every language', async () => {
    const fiche = await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy), _status: 'published' },
      context,
    });
    // Title, administration, summary and three section items.
    const fresh = await translationOf(fiche.id, 'ar');
    expect(fresh.progress).toMatchObject({ total: 6, validated: 0, toDo: 6, toReview: 0, outdated: 0 });

    await payload.update({
      collection: 'translations',
      id: fresh.id,
      data: { ...arabicDemarche(), status: 'toReview' } as never,
      context,
    });
    expect((await translationOf(fiche.id, 'ar')).progress).toMatchObject({ toReview: 6, toDo: 0 });
    expect((await reviewQueue(payload, ['ar'])).rows.map((row) => row.fiche)).toEqual(['Obtenir sa carte Vitale']);

    await payload.update({ collection: 'translations', id: fresh.id, data: { status: 'validated' } as never, context });
    expect((await translationOf(fiche.id, 'ar')).progress).toMatchObject({ validated: 6, toReview: 0, toDo: 0 });
    expect((await reviewQueue(payload, ['ar'])).rows).toEqual([]);

    // A French draft that changes the summary: the Arabic summary is outdated at once, as the
    // dashboard showed it when it recomputed everything from the latest French.
    await payload.update({
      collection: 'fiches',
      id: fiche.id,
      data: { summary: 'Un autre résumé de la carte Vitale.' },
      draft: true,
      context,
    });
    const after = await translationOf(fiche.id, 'ar');
    expect(after.progress).toMatchObject({ validated: 5, outdated: 1, toDo: 1 });
    for (const language of ['ar', 'en', 'uk']) {
      expect((await translationOf(fiche.id, language)).progress, language).toEqual(await recomputed(fiche.id, language));
    }
    const work = await workList(payload, ['ar']);
    expect(work.rows[0]).toMatchObject({ fiche: 'Obtenir sa carte Vitale', language: 'ar', progress: { outdated: 1 } });
  });

  it('sum the coverage per language in one aggregate, equal to the documents’ own figures', async () => {
    const second = await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'Ouvrir un compte bancaire'), _status: 'published' },
      context,
    });
    await payload.update({
      collection: 'translations',
      id: (await translationOf(second.id, 'ar')).id,
      data: { ...arabicDemarche(), status: 'validated' } as never,
      context,
    });
    const figures = await coverage(payload);
    const { docs } = await payload.find({ collection: 'translations', pagination: false, depth: 0 });
    for (const language of ['ar', 'en', 'ti']) {
      const mine = docs.filter((doc) => doc.language === language);
      const sum = (key: 'total' | 'validated' | 'outdated' | 'toReview' | 'wordsToTranslate') =>
        mine.reduce((total, doc) => total + (doc.progress?.[key] ?? 0), 0);
      expect(figures[language], language).toEqual({
        total: sum('total'),
        validated: sum('validated'),
        outdated: sum('outdated'),
        toReview: sum('toReview'),
        wordsToTranslate: sum('wordsToTranslate'),
      });
    }
    expect(figures.ar?.validated).toBe(11);
    expect(figures.en?.validated).toBe(0);
    expect(figures.en?.wordsToTranslate).toBeGreaterThan(figures.ar?.wordsToTranslate ?? Infinity);
  });

  it('are computed for a database made before they existed (the migration’s backfill)', async () => {
    const { docs: before } = await payload.find({ collection: 'translations', pagination: false, depth: 0, sort: 'createdAt' });
    const client = (payload.db as unknown as { client?: { execute: (sql: string) => Promise<unknown> } }).client;
    if (!client) return; // MongoDB: the same function runs from a data migration.
    await client.execute(
      'update translations set progress_total = 0, progress_validated = 0, progress_outdated = 0, progress_to_review = 0, progress_to_do = 0, progress_words_to_translate = 0',
    );
    expect(await backfillTranslationProgress(payload)).toBe(2);
    const { docs: after } = await payload.find({ collection: 'translations', pagination: false, depth: 0, sort: 'createdAt' });
    expect(after.map((doc) => doc.progress)).toEqual(before.map((doc) => doc.progress));
    expect(after.some((doc) => (doc.progress?.total ?? 0) > 0)).toBe(true);
  });

  it('open the fiche list filtered by the state a figure counts: missing, outdated, to review in one language', async () => {
    const ids = async (translationState: string) =>
      (
        await payload.find({
          collection: 'fiches',
          where: { translationState: { equals: translationState } },
          draft: true,
          pagination: false,
          depth: 0,
        })
      ).docs.map((doc) => doc.id);
    const fiche = await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'Ouvrir un compte bancaire'), _status: 'published' },
      context,
    });
    expect(await ids('ru-missing')).toContain(fiche.id);
    const russian = await translationOf(fiche.id, 'ru');
    await payload.update({
      collection: 'translations',
      id: russian.id,
      data: { ...arabicDemarche(), status: 'toReview' } as never,
      context,
    });
    expect(await ids('ru-missing')).not.toContain(fiche.id);
    expect(await ids('ru-toReview')).toContain(fiche.id);
    expect(await ids('ru-outdated')).not.toContain(fiche.id);
    await payload.update({ collection: 'translations', id: russian.id, data: { status: 'validated' } as never, context });
    await payload.update({
      collection: 'fiches',
      id: fiche.id,
      data: { summary: 'Le résumé a changé en français.', _status: 'published' },
      context,
    });
    expect(await ids('ru-outdated')).toContain(fiche.id);
    expect(await ids('ru-toReview')).not.toContain(fiche.id);
    // Only that language: the Ukrainian translation was never started.
    expect(await ids('uk-outdated')).not.toContain(fiche.id);
    expect(await ids('uk-missing')).toContain(fiche.id);
    // With other conditions, in an and/or tree, and through the count the pager asks for.
    const both = {
      and: [
        { _status: { equals: 'published' } },
        { or: [{ translationState: { equals: 'ru-outdated' } }, { translationState: { equals: 'ru-toReview' } }] },
      ],
    };
    expect(
      (await payload.find({ collection: 'fiches', where: both as never, draft: true, depth: 0 })).docs.map((doc) => doc.id),
    ).toContain(fiche.id);
    expect(
      (await payload.count({ collection: 'fiches', where: { translationState: { equals: 'ru-outdated' } } })).totalDocs,
    ).toBeGreaterThan(0);
    // A value that means nothing matches nothing, rather than every fiche.
    expect(await ids('xx-outdated')).toEqual([]);
  });

  it('list at most `limit` rows and say how many there are', async () => {
    const list = await workList(payload, ['en', 'ar'], 1);
    expect(list.rows).toHaveLength(1);
    expect(list.total).toBeGreaterThan(1);
  });
});

import type { CollectionBeforeChangeHook, Payload, PayloadRequest } from 'payload';

import type { Translation } from '../payload-types';
import { latestFrenchOf } from './frenchOf';
import { keepRequestLocale } from '../utilities/keepRequestLocale';
import { recordsOf } from './records';
import { translationsOf } from './sync';
import { unitStates, unitStatesToTranslate } from './unitStates';
import { translatableContentOf, translatableFields, unitsOf, wordCount, type TranslatableContent } from './units';

/**
 * Per translation document, how many of the French units are in each state — stored on the
 * document (`progress`) so the dashboards read a few numbers per row, or one sum per language,
 * instead of the French and every translation of the corpus on each visit.
 */
export type TranslationProgress = {
  total: number;
  validated: number;
  outdated: number;
  toReview: number;
  toDo: number;
  /** French words of the units to translate: new (nothing written) and outdated. */
  wordsToTranslate: number;
};

/** Written by the progress hooks only: the other hooks of the workflow let it through unchanged. */
export const progressContext = { translationWorkflow: true, translationBookkeeping: true, translationProgressOnly: true };

export function progressOf(french: TranslatableContent, translation: Partial<Translation>): TranslationProgress {
  const frenchUnits = unitsOf(french);
  const states = unitStates({
    french: frenchUnits,
    translation: unitsOf(translatableContentOf(translation as TranslatableContent)),
    records: recordsOf(translation.units),
    status: translation.status,
  });
  const progress: TranslationProgress = {
    total: states.size,
    validated: 0,
    outdated: 0,
    toReview: 0,
    toDo: 0,
    wordsToTranslate: 0,
  };
  for (const [key, state] of states) {
    if (state === 'missing' || state === 'outdated') progress.wordsToTranslate += wordCount(frenchUnits.get(key)?.text ?? '');
    if (state === 'validated') progress.validated += 1;
    else if (state === 'outdated') progress.outdated += 1;
    else if (state === 'toReview') progress.toReview += 1;
    if (unitStatesToTranslate.has(state)) progress.toDo += 1;
  }
  return progress;
}

export const sameProgress = (
  a: { [K in keyof TranslationProgress]?: number | null } | null | undefined,
  b: TranslationProgress,
) => Boolean(a) && (Object.keys(b) as (keyof TranslationProgress)[]).every((key) => a?.[key] === b[key]);

/**
 * After the French of a fiche changed (a draft or a publication), brings the stored progress of
 * its translations up to date; writes only the documents whose figures moved, so an autosave
 * that changes no unit state costs one indexed read of at most seven documents.
 */
export async function refreshProgressOf(
  payload: Payload,
  ficheId: string,
  french: TranslatableContent,
  req?: PayloadRequest,
): Promise<void> {
  const run = async () => {
    for (const translation of await translationsOf(payload, ficheId, req)) {
      const progress = progressOf(french, translation);
      if (sameProgress(translation.progress, progress)) continue;
      // A derived figure, written straight to the database: the workflow's hooks have nothing to
      // do with it, and a full update inside a restore (`?draft=true`) refuses the document's
      // required fields it was not given.
      await payload.db.updateOne({ collection: 'translations', id: translation.id, data: { progress }, req, returning: false });
    }
  };
  // With `req` (inside the fiche's transaction) Payload reads the context from the request.
  const context = { ...progressContext, frenchForProgress: french };
  await (req ? keepRequestLocale(req, run, context) : run());
}

const idOf = (value: unknown) =>
  value && typeof value === 'object' ? (value as { id: string }).id : (value as string | undefined);

/** Translations, last beforeChange hook: the figures follow every save, whoever makes it. */
export const recordProgress: CollectionBeforeChangeHook<Translation> = async ({ data, originalDoc, req }) => {
  const ficheId = idOf(originalDoc?.fiche ?? data.fiche);
  if (!ficheId) return data;
  const given = req.context.frenchForProgress as TranslatableContent | undefined;
  const french = given ?? translatableContentOf(await keepRequestLocale(req, () => latestFrenchOf(ficheId, req)));
  data.progress = progressOf(french, { ...originalDoc, ...data } as Partial<Translation>);
  return data;
};

/**
 * Computes the stored figures of every translation from the fiches' latest French, 100 fiches
 * at a time: for a database made before the figures existed (run by the SQLite migration that
 * adds them; on MongoDB, from a data migration).
 */
export async function backfillTranslationProgress(payload: Payload, req?: PayloadRequest): Promise<number> {
  let fiches = 0;
  for (let page = 1; ; page += 1) {
    const result = await payload.find({
      collection: 'fiches',
      locale: 'fr',
      fallbackLocale: false,
      draft: true,
      depth: 0,
      limit: 100,
      page,
      sort: 'createdAt',
      overrideAccess: true,
      // Only the translatable fields: this runs inside an early migration, before the columns
      // and tables of later fields exist, and the full row would name them.
      select: Object.fromEntries(translatableFields.map((field) => [field, true])),
      req,
    });
    for (const fiche of result.docs) {
      await refreshProgressOf(payload, fiche.id, translatableContentOf(fiche), req);
      fiches += 1;
    }
    if (!result.hasNextPage) return fiches;
  }
}

import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, FieldHook } from 'payload';

import type { Fiche } from '../../payload-types';
import { forgetFrenchOf, rememberFrenchOf } from '../frenchOf';
import { ensureTranslationDocs, followFrench, publishedTranslationStatus } from '../sync';
import { translationRecordsOf } from '../translationRecords';
import { translatableContentOf, translatableFields, type TranslatableContent } from '../units';

/** The "minor change" box is not stored: it only qualifies the save it comes with. */
export const readMinorChange: CollectionBeforeChangeHook<Fiche> = ({ data, req }) => {
  req.context.minorChange = Boolean((data as { minorChange?: boolean }).minorChange);
  return data;
};

/**
 * Keeps translations in step with the French: every new fiche gets its translation documents;
 * every later French save brings their labels and stored progress up to date, and a publication
 * flags the validated units whose French changed (unless minor) — one pass, each document
 * written at most once (`followFrench`).
 */
export const syncTranslations: CollectionAfterChangeHook<Fiche> = async ({ doc, previousDoc, operation, req, context }) => {
  const french = !req.locale || req.locale === 'fr';
  if (french) forgetFrenchOf(doc.id, req);
  if (context.translationWorkflow) return doc;
  if (french && operation === 'create' && context.bulkImport) rememberFrenchOf(doc, req);
  // « Créer » saves a draft at once (autosave): translation documents wait for a French title,
  // so an abandoned click leaves no « (sans titre) » records, and their labels follow the title.
  const title = french ? frenchTitleOf(doc.title) : undefined;
  const previousTitle = operation === 'create' ? undefined : frenchTitleOf(previousDoc?.title);
  const content = translatableContentOf(doc);
  const translations =
    title && title !== previousTitle
      ? await ensureTranslationDocs(req.payload, doc.id, req, content, operation === 'create')
      : undefined;
  // On creation the translation documents were just made, with their figures, and a new fiche
  // has no validated translation its French could have left behind.
  if (!french || operation === 'create') return doc;
  await followFrench(req.payload, {
    ficheId: doc.id,
    french: content,
    ...(title && previousTitle && title !== previousTitle ? { title } : {}),
    outdate: doc._status === 'published',
    minorChange: Boolean(context.minorChange),
    req,
    ...(translations ? { translations } : {}),
  });
  return doc;
};

/**
 * `translationStatus`, computed on read for the site: per language and unit, validated or
 * outdated. Only the site's export asks for it (`locale=all`, the contract's shape); the
 * admin's French reads skip it, so its lists cost no query per fiche.
 */
export const computeTranslationStatus: FieldHook<Fiche> = async ({ siblingData, req }) => {
  const id = (siblingData as { id?: string }).id;
  if (!id || req.locale !== 'all') return undefined;
  const french = frenchOf(siblingData as Record<string, unknown>);
  return publishedTranslationStatus(french, await translationRecordsOf(req, id));
};

/** The French text out of a `locale=all` read, where each localized field is `{ fr, en, … }`. */
function frenchOf(doc: Record<string, unknown>): TranslatableContent {
  const pick = (value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).fr : undefined;
  return translatableContentOf(Object.fromEntries(translatableFields.map((key) => [key, pick(doc[key])])));
}

/** A restored version hands every language at once (`{ fr, ar… }`); other operations the request's. */
function frenchTitleOf(title: unknown): string | undefined {
  const value = title !== null && typeof title === 'object' ? (title as Record<string, unknown>).fr : title;
  return typeof value === 'string' ? value.trim() || undefined : undefined;
}

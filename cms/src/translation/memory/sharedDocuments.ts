/**
 * The shared list of documents (the `documents` collection) in the translation memory: editors
 * translate each name once, in the list, so « Titre de séjour » in Arabic is the list's. Its
 * names in every language become memory pairs, so a document written in a fiche (a fiche's own
 * document name or note, unit `documents.N`) is offered the list's translation of the same words.
 * Rows go by `translation = documents/<id>`; they follow each save and deletion of the document.
 */
import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, Payload, PayloadRequest } from 'payload';

import { locales } from '@passerelle/content-schemas';

import { bandsOf, frenchHash } from './segments';

const slug = 'translation-memory';
const rowsOf = (id: string | number) => `documents/${id}`;

export async function refreshSharedDocumentMemory(payload: Payload, id: string | number, req?: PayloadRequest): Promise<number> {
  const doc = await payload.findByID({ collection: 'documents', id, locale: 'all', depth: 0, overrideAccess: true, req });
  const names = (doc.name ?? {}) as unknown as Partial<Record<string, string | null>>;
  const french = names.fr?.trim();
  await payload.db.deleteMany({ collection: slug, where: { translation: { equals: rowsOf(id) } }, req });
  if (!french) return 0;
  let rows = 0;
  for (const { code: language } of locales) {
    const target = names[language]?.trim();
    if (language === 'fr' || !target) continue;
    const bands = bandsOf(language, french);
    await payload.db.create({
      collection: slug,
      data: {
        language,
        translation: rowsOf(id),
        fiche: '',
        unit: 'document',
        scope: 'unit',
        french,
        target,
        hash: frenchHash(language, french),
        ...Object.fromEntries(bands.map((band, index) => [`band${index}`, band])),
      },
      req,
    });
    rows += 1;
  }
  return rows;
}

/** Documents, afterChange: a save in any language rewrites the document's pairs from all its names. */
export const rememberSharedDocument: CollectionAfterChangeHook = async ({ doc, req }) => {
  await refreshSharedDocumentMemory(req.payload, doc.id, req);
  return doc;
};

/** Documents, afterDelete: its pairs leave the memory. */
export const forgetSharedDocument: CollectionAfterDeleteHook = async ({ id, req }) => {
  await req.payload.db.deleteMany({ collection: slug, where: { translation: { equals: rowsOf(id) } }, req });
};

/** Every shared document's pairs, for a database made before they were in the memory (the lead's merged migration calls it). */
export async function backfillSharedDocumentsMemory(payload: Payload, req?: PayloadRequest): Promise<number> {
  const { docs } = await payload.find({
    collection: 'documents',
    pagination: false,
    depth: 0,
    select: { slug: true },
    overrideAccess: true,
    req,
  });
  let rows = 0;
  for (const doc of docs) rows += await refreshSharedDocumentMemory(payload, doc.id, req);
  return rows;
}

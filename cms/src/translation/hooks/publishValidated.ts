import type { CollectionAfterChangeHook } from 'payload';

import { sectionKeys, textUnitKeys } from '@passerelle/content-schemas';

import type { Translation } from '../../payload-types';
import { hasPendingDraft } from '../pendingDraft';
import { workflowContext } from '../sync';
import { keepRequestLocale } from '../../utilities/keepRequestLocale';

const withoutIds = (items: Translation['what']) => (items ?? []).map(({ title, body }) => ({ title, body }));

/**
 * A validated translation becomes the fiche's text in that language. If the fiche is live, only
 * this language is published: a French draft in progress stays a draft.
 */
export const publishValidated: CollectionAfterChangeHook<Translation> = async ({ doc, req }) => {
  if (!req.context.publishTranslation) return doc;
  req.context.publishTranslation = false;
  // A bulk import writes every language's validated text with the fiche itself, in one write
  // (import/importedLocales.ts): the fiche already shows it.
  if (req.context.importedTranslations) return doc;
  const ficheId = typeof doc.fiche === 'object' ? doc.fiche.id : doc.fiche;
  const language = doc.language;

  await keepRequestLocale(
    req,
    async () => {
      // The saved document comes back populated (links in rich text carry whole fiches): re-read it
      // with ids only, which is what the fiche stores.
      const saved = await req.payload.findByID({ collection: 'translations', id: doc.id, depth: 0, overrideAccess: true, req });
      const { totalDocs: live } = await req.payload.count({
        collection: 'fiches',
        where: { and: [{ id: { equals: ficheId } }, { _status: { equals: 'published' } }] },
        overrideAccess: true,
        req,
      });
      const data = Object.fromEntries([
        ...textUnitKeys.map((key) => [key, saved[key] ?? null]),
        ...sectionKeys.map((key) => [key, withoutIds(saved[key])]),
        // Only the texts: which shared document and whether it is required stay on the French row.
        ['documents', (saved.documents ?? []).map(({ name, note }) => ({ name: name ?? null, note: note ?? null }))],
      ]);
      // Publishing one locale (Payload's `publishSpecificLocale`) always ends with a draft version
      // carrying the rest of the latest draft, so the admin would show « Brouillon (a une version
      // publiée) » for ever: only use it when there is a French draft in progress to keep apart.
      const mode =
        live === 0 ? { draft: true } : (await hasPendingDraft(ficheId, req)) ? { publishSpecificLocale: language } : {};
      await req.payload.update({
        collection: 'fiches',
        id: ficheId,
        locale: language,
        data: live > 0 ? { ...data, _status: 'published' } : data,
        ...mode,
        // Nobody reads what comes back: its themes, structures and linked fiches need no population.
        depth: 0,
        overrideAccess: true,
        req,
      });
    },
    workflowContext,
  );
  return doc;
};

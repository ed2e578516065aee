import type { CollectionBeforeChangeHook } from 'payload';
import { ValidationError } from 'payload';

import type { Fiche } from '../../../payload-types';
import { latestFrenchOf } from '../../../translation/frenchOf';
import { findMissingForPublication } from '../completeness';

/**
 * Drafts may be incomplete; publishing may not. The rules read the French source, whatever
 * language the editor is working in, and every missing field is reported at its path.
 */
export const checkCompleteness: CollectionBeforeChangeHook<Fiche> = async ({ data, originalDoc, req, collection }) => {
  if (data._status !== 'published') return data;

  const editingFrench = !req.locale || req.locale === 'fr';
  const french: Partial<Fiche> = editingFrench
    ? { ...originalDoc, ...data }
    : {
        ...(originalDoc?.id ? await latestFrenchOf(originalDoc.id, req) : {}),
        // Language-neutral fields being saved now count too.
        type: data.type ?? originalDoc?.type,
        primaryTheme: data.primaryTheme ?? originalDoc?.primaryTheme,
        mainStructure: data.mainStructure ?? originalDoc?.mainStructure,
      };

  const missing = findMissingForPublication(french);
  if (missing.length > 0) {
    throw new ValidationError({
      collection: collection.slug,
      id: originalDoc?.id,
      errors: missing.map(({ path, message }) => ({ path, message })),
      req,
    });
  }
  return data;
};

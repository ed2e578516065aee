import type { CollectionBeforeDeleteHook } from 'payload';

import { workflowContext } from '../sync';
import { keepRequestLocale } from '../../utilities/keepRequestLocale';

/** A deleted fiche takes its translation documents with it. */
export const deleteTranslations: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await keepRequestLocale(
    req,
    () => req.payload.delete({ collection: 'translations', where: { fiche: { equals: id } }, overrideAccess: true, req }),
    workflowContext,
  );
};

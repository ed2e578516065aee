import type { CollectionBeforeOperationHook, Where } from 'payload';

import { fichesInState, resolveTranslationStates } from '../../../translation/translationState';

/**
 * The fiche list filtered by a translation state (« Traductions : Arabe : à relire », or a
 * coverage figure of the dashboard): the condition names no column of the fiches, so it becomes
 * the ids of the matching fiches before Payload builds the query.
 */
export const filterByTranslationState: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'read' && operation !== 'count') return args;
  const where = (args as { where?: Where }).where;
  if (!where || !JSON.stringify(where).includes('"translationState"')) return args;
  return {
    ...args,
    where: await resolveTranslationStates(where, (language, state) => fichesInState(req.payload, language, state, req)),
  };
};

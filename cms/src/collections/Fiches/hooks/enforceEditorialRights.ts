import type { CollectionBeforeChangeHook } from 'payload';
import { ValidationError } from 'payload';

import { hasRole, structureOf } from '../../../access/roles';
import type { Fiche } from '../../../payload-types';

/**
 * What access functions cannot express, because Payload's field access does not know the
 * locale being written: who may write which language, and what a contributor may do.
 * Internal writes of the translation workflow pass `context.translationWorkflow`.
 */
export const enforceEditorialRights: CollectionBeforeChangeHook<Fiche> = ({ data, originalDoc, req, collection, context }) => {
  const { user } = req;
  if (!user || context.translationWorkflow || hasRole(user, 'admin')) return data;
  const reject = (path: string, message: string): never => {
    throw new ValidationError({ collection: collection.slug, id: originalDoc?.id, errors: [{ path, message }], req });
  };

  if (req.locale && req.locale !== 'fr') {
    reject(
      'title',
      `Les fiches s’écrivent en français. Les traductions (${req.locale}) se proposent et se valident dans « Traductions ».`,
    );
  }

  if (hasRole(user, 'contributor') && !hasRole(user, 'editor')) {
    const structure = structureOf(user);
    if ((data.type ?? originalDoc?.type) !== 'dispositif') {
      reject('type', 'Une structure partenaire ne peut proposer que des dispositifs.');
    }
    const mainStructure =
      typeof data.mainStructure === 'object' && data.mainStructure ? data.mainStructure.id : data.mainStructure;
    if (mainStructure && mainStructure !== structure) {
      reject('mainStructure', 'Vous ne pouvez proposer des dispositifs que pour votre propre structure.');
    }
    data.mainStructure = structure;
    if (data._status === 'published' && context.isRestoringVersion && context.restoringAsDraft) {
      // Restoring a once-published version as a draft: Payload saves it as a draft.
      data._status = 'draft';
    } else if (data._status === 'published') {
      reject('_status', 'Les contributeurs ne publient pas : cochez « Soumettre pour relecture », un éditeur publiera la fiche.');
    }
  }

  // An editor publishing a fiche closes its review request.
  if (data._status === 'published') data.reviewRequested = false;
  return data;
};

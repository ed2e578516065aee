import type { FieldAccess } from 'payload';

import { hasRole } from './roles';

/**
 * Field `access.update` of fiches: a fiche is written in French; other languages come from
 * validated translations (« Traductions »). So the admin shows a fiche read-only in any other
 * language instead of letting an editor type into fields whose save would be refused.
 */
export const writableInFrenchOnly: FieldAccess = ({ req: { locale, user } }) =>
  !locale || locale === 'fr' || hasRole(user, 'admin');

import type { PayloadRequest } from 'payload';

import { hasRole } from './roles';

/**
 * Putting a previous version of the public site back online (« Remettre cette version en ligne »
 * on a publication): editors and admins, who may publish. Translators and contributors may not.
 */
export const canRollbackSite = ({ req: { user } }: { req: Pick<PayloadRequest, 'user'> }): boolean =>
  hasRole(user, 'admin', 'editor');

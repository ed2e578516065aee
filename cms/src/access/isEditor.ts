import type { Access } from 'payload';

import { hasRole } from './roles';

/** Admins and editors: they own the French content and the taxonomy. */
export const isEditor: Access = ({ req: { user } }) => hasRole(user, 'admin', 'editor');

import type { ClientUser } from 'payload';

import { hasRole } from './roles';

/** `admin.hidden`: a collection only admins work with stays out of everyone else's navigation. */
export const hiddenUnlessAdmin = ({ user }: { user: ClientUser }): boolean => !hasRole(user as never, 'admin');

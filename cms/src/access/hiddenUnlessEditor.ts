import type { ClientUser } from 'payload';

import { hasRole } from './roles';

/**
 * `admin.hidden`: collections translators and contributors read but have no use for
 * (publications, former addresses) stay out of their navigation. Reading stays allowed: the
 * admin header shows the latest publication to everyone.
 */
export const hiddenUnlessEditor = ({ user }: { user: ClientUser }): boolean => !hasRole(user as never, 'admin', 'editor');

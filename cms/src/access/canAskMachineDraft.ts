import type { Locale } from '@passerelle/content-schemas';

import { hasRole, languagesOf, type UserWithRoles } from './roles';

/**
 * Who may send a translation's French to the machine translator (and spend the language's
 * budget): the translators and experts of that language, and admins. Editors write French only.
 */
export function canAskMachineDraft(user: UserWithRoles, language: Locale): boolean {
  if (hasRole(user, 'admin')) return true;
  return hasRole(user, 'translator', 'expertTranslator') && languagesOf(user).includes(language);
}

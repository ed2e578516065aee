import type { Locale } from '@passerelle/content-schemas';

import { hasRole, languagesOf, type UserWithRoles } from './roles';

/** Who confirms a machine draft before validating it: an expert of the language, or an admin. */
export function isExpertOfLanguage(user: UserWithRoles, language: Locale): boolean {
  if (hasRole(user, 'admin')) return true;
  return hasRole(user, 'expertTranslator') && languagesOf(user).includes(language);
}

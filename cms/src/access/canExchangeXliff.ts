import { hasRole, languagesOf, type UserWithRoles } from './roles';

/**
 * Who sends a language's work to an agency and brings it back (XLIFF export and import): editors
 * and admins, who commission agencies, and the experts of that language, who review what comes
 * back. Translators translate in the admin. An import only ever writes proposals.
 */
export function canExchangeXliff(user: UserWithRoles, language: string): boolean {
  if (hasRole(user, 'admin', 'editor')) return true;
  return hasRole(user, 'expertTranslator') && languagesOf(user).includes(language as never);
}

import type { Access } from 'payload';

import { hasRole, languagesOf } from './roles';

/** A language's glossary is read by its translators and experts, by editors and admins. */
export const canReadGlossary: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor')) return true;
  if (hasRole(user, 'expertTranslator', 'translator')) return { language: { in: languagesOf(user) } };
  return false;
};

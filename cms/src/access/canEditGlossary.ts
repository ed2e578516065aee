import type { Access } from 'payload';

import { hasRole, languagesOf } from './roles';

/**
 * The glossary of a language is kept by the experts of that language (and admins): a term they
 * fix is how every machine draft translates it. On create the new glossary's language decides.
 */
export const canEditGlossary: Access = ({ req: { user }, data }) => {
  if (hasRole(user, 'admin')) return true;
  if (!hasRole(user, 'expertTranslator')) return false;
  const mine = languagesOf(user);
  const language = (data as { language?: unknown } | undefined)?.language;
  if (typeof language === 'string') return mine.includes(language as never);
  return { language: { in: mine } };
};

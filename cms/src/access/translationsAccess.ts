import type { Access } from 'payload';

import { hasRole, languagesOf } from './roles';

/** Editors follow every language; translators and experts see their own languages only. */
export const canReadTranslations: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor')) return true;
  if (hasRole(user, 'expertTranslator', 'translator')) return { language: { in: languagesOf(user) } };
  return false;
};

/** Only translators and experts of a language write its translations (editors write French). */
export const canUpdateTranslations: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin')) return true;
  if (hasRole(user, 'expertTranslator', 'translator')) return { language: { in: languagesOf(user) } };
  return false;
};

/**
 * Above the translations list, for those who send a language's work to an agency (editors,
 * admins, the experts of that language): the XLIFF export and import (XliffExchangeForm).
 */
import type React from 'react';

import { locales } from '@passerelle/content-schemas';

import { canExchangeXliff } from '../../access/canExchangeXliff';
import type { UserWithRoles } from '../../access/roles';
import { XliffExchangeForm } from './XliffExchangeForm';

export function XliffExchange({ user }: { user?: UserWithRoles }): React.ReactElement | null {
  const languages = locales
    .filter((locale) => locale.code !== 'fr' && canExchangeXliff(user, locale.code))
    .map(({ code, label }) => ({ code, label }));
  if (languages.length === 0) return null;
  return <XliffExchangeForm languages={languages} />;
}

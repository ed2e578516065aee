import type { SelectField } from 'payload';

import { departements } from '@passerelle/content-schemas';

export const departementOptions = departements.map((departement) => ({
  value: departement.code,
  label: `${departement.code} – ${departement.name}`,
}));

export function departementsField(overrides: Partial<SelectField> = {}): SelectField {
  return {
    name: 'departements',
    label: 'Départements',
    type: 'select',
    hasMany: true,
    options: departementOptions,
    ...overrides,
  } as SelectField;
}

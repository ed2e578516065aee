import type { TextField } from 'payload';

import { isSlug, slugMaxLength } from '@passerelle/content-schemas';

/** A URL slug typed or checked by hand: ASCII, lower case, hyphens. */
export function slugField(overrides: Partial<TextField> = {}): TextField {
  const required = overrides.required ?? true;
  return {
    name: 'slug',
    label: 'Identifiant d’URL (slug)',
    type: 'text',
    required,
    unique: true,
    index: true,
    validate: (value: string | null | undefined) => {
      if (!value) return required ? 'Indiquez un identifiant d’URL.' : true;
      if (value.length > slugMaxLength) return `L’identifiant d’URL ne doit pas dépasser ${slugMaxLength} caractères (il en a ${value.length}).`;
      return isSlug(value) || 'Utilisez seulement des lettres minuscules sans accent, des chiffres et des tirets (ex. : carte-vitale).';
    },
    admin: { position: 'sidebar' },
    ...overrides,
  } as TextField;
}

import type { ArrayField } from 'payload';

import { textLimits } from '@passerelle/content-schemas';

import { validateRichTextLinks } from './validateRichTextLinks';

/**
 * A fiche section ("C'est quoi ?", "Comment faire ?"…): a localized list of titled rich-text
 * items. Localized as a whole so each language can be reviewed item by item.
 */
export function sectionField(name: string, label: string, overrides: Partial<ArrayField> = {}): ArrayField {
  return {
    name,
    label,
    type: 'array',
    localized: true,
    interfaceName: 'FicheSection',
    labels: { singular: 'Élément', plural: 'Éléments' },
    fields: [
      { name: 'title', label: 'Titre', type: 'text', required: true, maxLength: textLimits.title },
      { name: 'body', label: 'Texte', type: 'richText', required: true, validate: validateRichTextLinks },
    ],
    ...overrides,
  } as ArrayField;
}

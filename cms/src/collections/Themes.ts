import type { CollectionConfig } from 'payload';

import { textLimits, themeColors, themeIconPattern, themeIds } from '@passerelle/content-schemas';

import { anyone } from '../access/anyone';
import { isEditor } from '../access/isEditor';
import { rebuildAfterChange, rebuildAfterDelete } from '../publishing/triggerRebuild';

export const Themes: CollectionConfig = {
  slug: 'themes',
  labels: { singular: 'Thème', plural: 'Thèmes' },
  typescript: { interface: 'Theme' },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'slug', 'color'], group: 'Classement' },
  defaultSort: 'order',
  access: { read: anyone, create: isEditor, update: isEditor, delete: isEditor },
  hooks: { afterChange: [rebuildAfterChange], afterDelete: [rebuildAfterDelete] },
  fields: [
    { name: 'name', label: 'Nom', type: 'text', required: true, localized: true, maxLength: textLimits.name },
    { name: 'description', label: 'Description courte', type: 'textarea', localized: true, maxLength: 200 },
    {
      name: 'slug',
      label: 'Identifiant',
      type: 'select',
      required: true,
      unique: true,
      options: themeIds.map((id) => ({ value: id, label: id })),
      admin: { position: 'sidebar', description: 'Identifiant fixe, utilisé dans les adresses du site.' },
    },
    {
      name: 'color',
      label: 'Couleur',
      type: 'select',
      required: true,
      options: themeColors.map((color) => ({ value: color, label: color })),
      admin: { position: 'sidebar' },
    },
    {
      name: 'icon',
      label: 'Icône (classe DSFR)',
      type: 'text',
      required: true,
      validate: (value: string | null | undefined) =>
        (value && themeIconPattern.test(value)) || 'Indiquez une classe d’icône DSFR, par ex. fr-icon-home-4-line.',
      admin: { position: 'sidebar' },
    },
    { name: 'order', label: 'Ordre d’affichage', type: 'number', defaultValue: 0, admin: { position: 'sidebar' } },
  ],
};

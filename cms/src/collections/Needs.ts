import type { CollectionConfig } from 'payload';

import { textLimits } from '@passerelle/content-schemas';

import { anyone } from '../access/anyone';
import { isEditor } from '../access/isEditor';
import { rebuildAfterChange, rebuildAfterDelete } from '../publishing/triggerRebuild';
import { slugField } from '../fields/slugField';

export const Needs: CollectionConfig = {
  slug: 'needs',
  labels: { singular: 'Besoin', plural: 'Besoins' },
  typescript: { interface: 'Need' },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'theme', 'slug'], group: 'Classement' },
  defaultSort: 'order',
  access: { read: anyone, create: isEditor, update: isEditor, delete: isEditor },
  hooks: { afterChange: [rebuildAfterChange], afterDelete: [rebuildAfterDelete] },
  fields: [
    { name: 'name', label: 'Nom', type: 'text', required: true, localized: true, maxLength: textLimits.name },
    { name: 'theme', label: 'Thème', type: 'relationship', relationTo: 'themes', required: true, index: true },
    slugField({ from: 'name' }),
    { name: 'order', label: 'Ordre d’affichage', type: 'number', defaultValue: 0, admin: { position: 'sidebar' } },
  ],
};

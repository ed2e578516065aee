import type { CollectionConfig } from 'payload';

import { textLimits } from '@passerelle/content-schemas';

import { anyone } from '../access/anyone';
import { isEditor } from '../access/isEditor';
import { rebuildAfterChange, rebuildAfterDelete } from '../publishing/triggerRebuild';
import { slugField } from '../fields/slugField';

/**
 * The shared list of documents démarches ask for (« Titre de séjour », « Justificatif de
 * domicile », « RIB »…). A small vocabulary, like needs and themes: its name is a localized field
 * translated once here by editors, in the admin's language switcher, and every fiche that picks
 * the document shows that translation. Fiche-specific documents are written in the fiche instead
 * and go through the per-fiche translation workflow.
 */
export const Documents: CollectionConfig = {
  slug: 'documents',
  labels: { singular: 'Document', plural: 'Documents (liste commune)' },
  typescript: { interface: 'SharedDocument' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'slug', 'updatedAt'],
    group: 'Classement',
    description: 'Les documents demandés par plusieurs démarches, traduits une seule fois ici.',
  },
  defaultSort: 'name',
  access: { read: anyone, create: isEditor, update: isEditor, delete: isEditor },
  hooks: { afterChange: [rebuildAfterChange], afterDelete: [rebuildAfterDelete] },
  fields: [
    { name: 'name', label: 'Nom', type: 'text', required: true, localized: true, maxLength: textLimits.name },
    slugField({ from: 'name' }),
  ],
};

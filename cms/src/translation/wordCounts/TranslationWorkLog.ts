import type { CollectionConfig } from 'payload';

import { hiddenUnlessAdmin } from '../../access/hiddenUnlessAdmin';
import { isEditor } from '../../access/isEditor';
import { nobody } from '../../access/nobody';

/**
 * Who proposed and who had validated which unit, and when, with the French words of the unit:
 * the unit records keep only the latest of each, and translators are paid for each piece of
 * work. Appended by the workflow (hooks/applyWorkflow.ts), read by the word-count export.
 */
export const TranslationWorkLog: CollectionConfig = {
  slug: 'translation-work-log',
  labels: { singular: 'Travail de traduction', plural: 'Journal des traductions' },
  admin: {
    group: 'Administration',
    hidden: hiddenUnlessAdmin,
    defaultColumns: ['at', 'kind', 'language', 'unit', 'words'],
    description: 'Tenu automatiquement : chaque proposition et chaque validation, avec les mots du français. Lecture seule.',
  },
  access: { read: isEditor, create: nobody, update: nobody, delete: nobody },
  timestamps: false,
  // The export reads one period, in date order, from this index.
  defaultSort: 'at',
  fields: [
    { name: 'at', label: 'Date', type: 'date', required: true, index: true },
    {
      name: 'kind',
      label: 'Travail',
      type: 'select',
      required: true,
      options: [
        { value: 'proposed', label: 'Proposé' },
        { value: 'validated', label: 'Validé' },
      ],
    },
    { name: 'translator', label: 'Traducteur (id)', type: 'text', required: true },
    { name: 'language', label: 'Langue', type: 'text', required: true },
    { name: 'translation', label: 'Traduction (id)', type: 'text', required: true },
    { name: 'unit', label: 'Élément', type: 'text', required: true },
    { name: 'words', label: 'Mots (français)', type: 'number', required: true },
  ],
};

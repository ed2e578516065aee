import type { CollectionConfig, Field } from 'payload';

import { hiddenUnlessAdmin } from '../../access/hiddenUnlessAdmin';
import { isAdmin } from '../../access/isAdmin';
import { nobody } from '../../access/nobody';
import { bandCount } from './segments';

const bandFields: Field[] = Array.from({ length: bandCount }, (_, band) => ({ name: `band${band}`, type: 'text', index: true }));

/**
 * The translation memory: pairs of French and validated translation, per whole unit and per
 * sentence, written only by the workflow's hooks (memory/store.ts) from up-to-date validated
 * units. Exact matches come from `hash` (language + normalized French), fuzzy candidates from
 * the MinHash bands; both are prefixed by the language, so each is one single-column index.
 */
export const TranslationMemory: CollectionConfig = {
  slug: 'translation-memory',
  labels: { singular: 'Segment de la mémoire de traduction', plural: 'Mémoire de traduction' },
  admin: {
    group: 'Administration',
    hidden: hiddenUnlessAdmin,
    useAsTitle: 'french',
    defaultColumns: ['french', 'target', 'language', 'scope'],
    description: 'Tenue à jour automatiquement à chaque validation : les traducteurs y trouvent des suggestions. Lecture seule.',
  },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  timestamps: false,
  fields: [
    { name: 'language', label: 'Langue', type: 'text', required: true },
    // Ids, not relationships: rows go with their translation (memory/store.ts), never through a
    // foreign key that a fiche's deletion would have to wait for.
    { name: 'translation', label: 'Traduction (id)', type: 'text', required: true, index: true },
    { name: 'fiche', label: 'Fiche (id)', type: 'text', required: true },
    { name: 'unit', label: 'Élément', type: 'text', required: true },
    {
      name: 'scope',
      label: 'Portée',
      type: 'select',
      required: true,
      options: [
        { value: 'unit', label: 'Élément entier' },
        { value: 'sentence', label: 'Phrase' },
      ],
    },
    { name: 'french', label: 'Français', type: 'textarea', required: true },
    { name: 'target', label: 'Traduction', type: 'textarea', required: true },
    { name: 'hash', type: 'text', required: true, index: true },
    ...bandFields,
  ],
};

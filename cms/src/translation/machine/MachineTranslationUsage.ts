import type { CollectionConfig } from 'payload';

import { hiddenUnlessAdmin } from '../../access/hiddenUnlessAdmin';
import { isAdmin } from '../../access/isAdmin';
import { nobody } from '../../access/nobody';

/**
 * Characters sent to the machine translator, per month (UTC, `2026-12`) and language: what the
 * monthly budget is checked against. Written by the server only (machine/budget.ts).
 */
export const MachineTranslationUsage: CollectionConfig = {
  slug: 'machine-translation-usage',
  labels: { singular: 'Consommation de traduction automatique', plural: 'Consommation de traduction automatique' },
  admin: {
    group: 'Administration',
    hidden: hiddenUnlessAdmin,
    defaultColumns: ['month', 'language', 'characters'],
    description: 'Caractères envoyés au traducteur automatique, par mois et par langue. Lecture seule.',
  },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['month', 'language'], unique: true }],
  fields: [
    { name: 'month', label: 'Mois', type: 'text', required: true },
    { name: 'language', label: 'Langue', type: 'text', required: true },
    { name: 'characters', label: 'Caractères', type: 'number', required: true, defaultValue: 0 },
  ],
};

import type { GlobalConfig } from 'payload';

import { languageName, translationLocales } from '@passerelle/content-schemas';

import { isAdmin } from '../../access/isAdmin';
import { isAuthenticated } from '../../access/isAuthenticated';

/** A month of DeepL Free is 500 000 characters for all languages: a prudent share by default. */
export const defaultMonthlyBudget = 50_000;

/**
 * The machine translator's settings that an admin edits: the monthly character budget of each
 * language. Which provider, and whether any, comes from the server's environment (shown here,
 * with how to turn it on: MachineTranslationStatus).
 */
export const MachineTranslationSettings: GlobalConfig = {
  slug: 'machine-translation-settings',
  label: 'Traduction automatique',
  typescript: { interface: 'MachineTranslationSetting' },
  admin: {
    group: 'Administration',
    description:
      'Brouillons de traduction automatique : budget mensuel par langue. Un brouillon n’est jamais qu’une proposition.',
  },
  access: { read: isAuthenticated, update: isAdmin },
  fields: [
    {
      name: 'status',
      type: 'ui',
      admin: { components: { Field: '/translation/machine/components/MachineTranslationStatus#MachineTranslationStatus' } },
    },
    {
      name: 'monthlyBudgets',
      label: 'Budget mensuel (caractères du texte français envoyés)',
      type: 'group',
      admin: {
        description:
          '0 interdit la traduction automatique pour la langue. Le compteur repart à zéro le 1er de chaque mois (UTC).',
      },
      fields: translationLocales.map((code) => ({
        name: code,
        label: `${languageName(code)} (${code})`,
        type: 'number' as const,
        required: true,
        min: 0,
        defaultValue: defaultMonthlyBudget,
      })),
    },
  ],
};

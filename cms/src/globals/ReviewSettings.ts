import type { GlobalConfig } from 'payload';

import { defaultReviewMonths } from '@passerelle/content-schemas';

import { isAdmin } from '../access/isAdmin';
import { isAuthenticated } from '../access/isAuthenticated';
import { validateReviewMonths } from '../fields/reviewInterval';
import { recomputeReviewDates } from '../review/reviewDates';

/**
 * How often a fiche's facts are checked, per type; a fiche may set its own interval. Changing a
 * default moves the next review date of every fiche that follows it.
 */
export const ReviewSettings: GlobalConfig = {
  slug: 'review-settings',
  label: 'Vérification des fiches',
  typescript: { interface: 'ReviewSetting' },
  admin: {
    group: 'Administration',
    description: 'Intervalle entre deux vérifications, par type de fiche. Une fiche peut en fixer un autre.',
  },
  access: { read: isAuthenticated, update: isAdmin },
  fields: [
    {
      name: 'demarcheMonths',
      label: 'Démarches : vérifier tous les … mois',
      type: 'number',
      required: true,
      defaultValue: defaultReviewMonths.demarche,
      validate: (value: number | null | undefined) => validateReviewMonths(value, { required: true }),
    },
    {
      name: 'dispositifMonths',
      label: 'Dispositifs : vérifier tous les … mois',
      type: 'number',
      required: true,
      defaultValue: defaultReviewMonths.dispositif,
      validate: (value: number | null | undefined) => validateReviewMonths(value, { required: true }),
    },
  ],
  hooks: { afterChange: [recomputeReviewDates] },
};

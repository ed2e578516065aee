import type { GroupField } from 'payload';

import {
  commitmentPeriods,
  conditions,
  durationUnits,
  frenchLevels,
  locationScopes,
  pricePeriods,
  publicStatuses,
  publics,
} from '@passerelle/content-schemas';

import { departementsField } from '../../fields/departementsField';

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

/** "All" means everyone: combined with a narrower value it would say two things at once. */
function allIsExclusive(value: readonly string[] | null | undefined): true | string {
  if (value && value.includes('all') && value.length > 1) return '« Tous » ne se combine pas avec d’autres choix.';
  return true;
}

/** Language-neutral practical information shown as cards on every language's page. */
export const infocardsField: GroupField = {
  name: 'infocards',
  label: 'Informations pratiques',
  type: 'group',
  interfaceName: 'FicheInfocards',
  fields: [
    {
      name: 'location',
      label: 'Où ?',
      type: 'group',
      interfaceName: 'FicheLocation',
      fields: [
        {
          name: 'scope',
          label: 'Zone',
          type: 'radio',
          required: true,
          defaultValue: 'france',
          options: options(locationScopes, {
            france: 'Partout en France',
            online: 'En ligne',
            departements: 'Dans certains départements',
          }),
        },
        departementsField({
          admin: { condition: (_data, siblingData) => siblingData?.scope === 'departements' },
          validate: (value: readonly string[] | null | undefined, { siblingData }: { siblingData: { scope?: string } }) =>
            siblingData?.scope !== 'departements' || (value?.length ?? 0) > 0 || 'Choisissez au moins un département.',
        }),
      ],
    },
    {
      name: 'publicStatus',
      label: 'Statut administratif du public',
      type: 'select',
      hasMany: true,
      defaultValue: ['all'],
      options: options(publicStatuses, {
        all: 'Tous les statuts',
        'asylum-seeker': 'Demandeur d’asile',
        refugee: 'Réfugié',
        'subsidiary-protection': 'Protection subsidiaire',
        'temporary-protection': 'Protection temporaire',
        stateless: 'Apatride',
      }),
      validate: allIsExclusive,
    },
    {
      name: 'public',
      label: 'Public',
      type: 'select',
      hasMany: true,
      defaultValue: ['all'],
      options: options(publics, {
        all: 'Tout public',
        families: 'Familles',
        women: 'Femmes',
        youth: 'Jeunes',
        seniors: 'Seniors',
        'single-parents': 'Parents isolés',
        'people-with-disabilities': 'Personnes en situation de handicap',
        students: 'Étudiants',
      }),
      validate: allIsExclusive,
    },
    {
      name: 'age',
      label: 'Âge',
      type: 'group',
      interfaceName: 'FicheAgeRange',
      fields: [
        { name: 'min', label: 'Âge minimum', type: 'number', min: 0, max: 120 },
        {
          name: 'max',
          label: 'Âge maximum',
          type: 'number',
          min: 0,
          max: 120,
          validate: (value: number | null | undefined, { siblingData }: { siblingData: { min?: number | null } }) =>
            value == null ||
            siblingData?.min == null ||
            value >= siblingData.min ||
            'L’âge maximum doit être supérieur ou égal à l’âge minimum.',
        },
      ],
    },
    {
      name: 'frenchLevel',
      label: 'Niveau de français demandé',
      type: 'select',
      defaultValue: 'none',
      options: options(frenchLevels, {
        none: 'Aucun (débutant ou non-lecteur)',
        A1: 'A1',
        A2: 'A2',
        B1: 'B1',
        B2: 'B2',
        C1: 'C1',
        C2: 'C2',
      }),
    },
    {
      name: 'price',
      label: 'Prix',
      type: 'group',
      interfaceName: 'FichePrice',
      fields: [
        { name: 'free', label: 'Gratuit', type: 'checkbox', defaultValue: true },
        {
          name: 'amount',
          label: 'Montant (€)',
          type: 'number',
          min: 0,
          admin: { condition: (_data, siblingData) => siblingData?.free === false },
          validate: (value: number | null | undefined, { siblingData }: { siblingData: { free?: boolean } }) =>
            siblingData?.free !== false || (value != null && value > 0) || 'Indiquez le montant, ou cochez « Gratuit ».',
        },
        {
          name: 'period',
          label: 'Par',
          type: 'select',
          options: options(pricePeriods, { once: 'Une fois', session: 'Séance', month: 'Mois', year: 'An' }),
          admin: { condition: (_data, siblingData) => siblingData?.free === false },
        },
      ],
    },
    {
      name: 'duration',
      label: 'Durée',
      type: 'group',
      interfaceName: 'FicheDuration',
      fields: [
        { name: 'value', label: 'Durée', type: 'number', min: 0 },
        {
          name: 'unit',
          label: 'Unité',
          type: 'select',
          options: options(durationUnits, { hours: 'Heures', days: 'Jours', weeks: 'Semaines', months: 'Mois', years: 'Années' }),
          validate: (value: string | null | undefined, { siblingData }: { siblingData: { value?: number | null } }) =>
            siblingData?.value == null || Boolean(value) || 'Choisissez l’unité de la durée.',
        },
      ],
    },
    {
      name: 'conditions',
      label: 'Conditions',
      type: 'select',
      hasMany: true,
      options: options(conditions, {
        'residence-permit': 'Titre de séjour',
        'asylum-application': 'Demande d’asile en cours',
        'bank-account': 'Compte bancaire',
        'france-travail-registration': 'Inscription à France Travail',
        'driving-licence': 'Permis de conduire',
        'social-security-number': 'Numéro de sécurité sociale',
        'caf-number': 'Numéro d’allocataire CAF',
        address: 'Adresse ou domiciliation',
        email: 'Adresse e-mail',
      }),
    },
    {
      name: 'commitment',
      label: 'Engagement demandé',
      type: 'group',
      interfaceName: 'FicheCommitment',
      admin: { condition: (data) => data?.type === 'dispositif' },
      fields: [
        { name: 'hours', label: 'Heures', type: 'number', min: 0 },
        {
          name: 'per',
          label: 'Par',
          type: 'select',
          options: options(commitmentPeriods, { day: 'Jour', week: 'Semaine', month: 'Mois' }),
        },
      ],
    },
  ],
};

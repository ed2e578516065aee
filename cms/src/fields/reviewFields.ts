import type { Field } from 'payload';

import { nobodyField } from '../access/nobodyField';
import { notDuplicated } from '../collections/Fiches/hooks/duplicateAsNewFiche';
import { validateCheckDate, validateReviewMonths } from './reviewInterval';

const sidebarDate = { position: 'sidebar', date: { pickerAppearance: 'dayOnly', displayFormat: 'dd/MM/yyyy' } } as const;

/**
 * A fiche's freshness (issue « review dates »): when its facts were last checked and by whom,
 * its own review interval, the next review date the CMS computes (indexed: reminders and
 * dashboards read it), the last real change (`dateModified`: a check is not a change), and the
 * history of its change notes. Only the CMS writes the computed ones (src/review/stampReview.ts,
 * src/review/recordCheck.ts); they are not under `frenchOnly` since none is localized.
 */
export const reviewFields = (overrides: { checkButton?: boolean } = {}): Field[] => [
  ...(overrides.checkButton === false
    ? []
    : [
        {
          name: 'reviewCheck',
          type: 'ui',
          admin: { position: 'sidebar', components: { Field: '/components/ReviewCheckButton#ReviewCheckButton' } },
        } satisfies Field,
      ]),
  {
    name: 'lastCheckedAt',
    label: 'Informations vérifiées le',
    type: 'date',
    validate: validateCheckDate,
    hooks: { beforeDuplicate: [notDuplicated] },
    admin: {
      ...sidebarDate,
      description:
        'Posée à chaque publication en français et par « Vérifiée, rien n’a changé ». À modifier seulement pour une vérification faite plus tôt.',
    },
  },
  {
    name: 'lastCheckedBy',
    label: 'Vérifiée par',
    type: 'relationship',
    relationTo: 'users',
    // Who checked is internal: the public (and the snapshot) never read it.
    access: { read: ({ req: { user } }) => Boolean(user), update: nobodyField },
    hooks: { beforeDuplicate: [notDuplicated] },
    admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.lastCheckedBy) },
  },
  {
    name: 'reviewIntervalMonths',
    label: 'Vérifier tous les … mois',
    type: 'number',
    validate: (value: number | null | undefined) => validateReviewMonths(value),
    admin: {
      position: 'sidebar',
      step: 1,
      description: 'Vide : l’intervalle par défaut de son type (« Vérification des fiches »).',
    },
  },
  {
    name: 'nextReviewAt',
    label: 'Prochaine vérification',
    type: 'date',
    index: true,
    access: { update: nobodyField },
    hooks: { beforeDuplicate: [notDuplicated] },
    admin: { ...sidebarDate, readOnly: true, condition: (data) => Boolean(data?.nextReviewAt) },
  },
  {
    name: 'changedAt',
    label: 'Dernière modification publiée',
    type: 'date',
    access: { update: nobodyField },
    hooks: { beforeDuplicate: [notDuplicated] },
    admin: { hidden: true },
  },
  {
    name: 'changeHistory',
    label: 'Historique des notes de modification',
    type: 'array',
    interfaceName: 'ChangeHistoryEntry',
    access: { update: nobodyField },
    hooks: { beforeDuplicate: [notDuplicated] },
    admin: {
      readOnly: true,
      initCollapsed: true,
      description: 'Les notes des publications précédentes, telles que les lecteurs les voient dans l’historique de la fiche.',
    },
    fields: [
      { name: 'date', label: 'Publiée le', type: 'date', required: true },
      { name: 'notes', label: 'Note (par langue)', type: 'json', required: true },
    ],
  },
];

import type { CollectionConfig } from 'payload';

import { locales } from '@passerelle/content-schemas';

import { canReadTranslations, canUpdateTranslations } from '../../access/translationsAccess';
import { isAdmin } from '../../access/isAdmin';
import { validateChangeNote } from '../../fields/changeNote';
import { sectionField } from '../../fields/sectionField';
import { applyWorkflow } from './hooks/applyWorkflow';
import { publishValidated } from './hooks/publishValidated';
import { recordProgress } from '../../translation/progress';

export const translationStatusLabels = {
  notStarted: 'Non commencée',
  inProgress: 'En cours',
  toReview: 'À relire',
  validated: 'Validée',
} as const;

const isDispositif = (_data: unknown, siblingData: { ficheType?: string }) => siblingData?.ficheType === 'dispositif';

/**
 * One document per fiche and language: the translator's proposal and the record of what an
 * expert validated. Only validated text reaches the fiche, and so the public site.
 */
export const Translations: CollectionConfig = {
  slug: 'translations',
  labels: { singular: 'Traduction', plural: 'Traductions' },
  typescript: { interface: 'Translation' },
  admin: {
    useAsTitle: 'label',
    defaultColumns: ['label', 'language', 'status', 'updatedAt'],
    listSearchableFields: ['label'],
    group: 'Contenus',
    description: 'Proposez une traduction, envoyez-la en relecture ; un traducteur expert la valide et la publie.',
  },
  access: {
    read: canReadTranslations,
    create: isAdmin,
    update: canUpdateTranslations,
    delete: isAdmin,
  },
  // Lists open on the latest edits, in the order an index keeps (see database/indexes.ts).
  defaultSort: '-updatedAt',
  indexes: [
    { fields: ['fiche', 'language'], unique: true },
    // The translations list, 10 per page, newest first: a translator's languages, an expert's
    // queue (language + state), everyone's queue by state. Rows come out in page order, never sorted.
    { fields: ['language', 'updatedAt', 'createdAt'] },
    { fields: ['language', 'status', 'updatedAt', 'createdAt'] },
    { fields: ['status', 'updatedAt', 'createdAt'] },
    // Dashboards (translation/dashboard.ts): a translator's work list, most outdated first; an
    // expert's review queue. (The coverage sums come from an SQLite index in database/indexes.ts.)
    { fields: ['language', 'progress.outdated', 'createdAt', 'progress.toDo'] },
    { fields: ['language', 'progress.toReview', 'createdAt'] },
  ],
  hooks: {
    beforeChange: [applyWorkflow, recordProgress],
    afterChange: [publishValidated],
  },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'fiche', label: 'Fiche', type: 'relationship', relationTo: 'fiches', required: true, index: true, admin: { readOnly: true } },
        {
          name: 'language',
          label: 'Langue',
          type: 'select',
          required: true,
          index: true,
          options: locales.filter((locale) => locale.code !== 'fr').map((locale) => ({ value: locale.code, label: `${locale.label} (${locale.code})` })),
          admin: { readOnly: true },
        },
      ],
    },
    {
      name: 'status',
      label: 'État',
      type: 'select',
      required: true,
      defaultValue: 'notStarted',
      options: Object.entries(translationStatusLabels).map(([value, label]) => ({ value, label })),
      admin: {
        position: 'sidebar',
        description: 'Traducteur : « À relire » quand vous avez fini. Traducteur expert : « Validée » publie la traduction.',
      },
    },
    // Kept in sync by the workflow for lists and search: "Obtenir sa carte Vitale — ar".
    { name: 'label', type: 'text', admin: { hidden: true } },
    { name: 'ficheType', type: 'text', admin: { hidden: true } },
    {
      name: 'frenchSource',
      type: 'ui',
      admin: { components: { Field: '/components/FrenchSource#FrenchSource' } },
    },
    { name: 'title', label: 'Titre', type: 'text' },
    { name: 'brandName', label: 'Nom du dispositif', type: 'text', admin: { condition: isDispositif } },
    { name: 'administrationName', label: 'Administration concernée', type: 'text', admin: { condition: (data, sibling) => !isDispositif(data, sibling) } },
    { name: 'summary', label: 'Résumé', type: 'textarea', maxLength: 280 },
    {
      name: 'changeNote',
      label: 'Note de modification',
      type: 'textarea',
      validate: validateChangeNote,
      admin: {
        description:
          'Seulement si la fiche française en a une (voir le texte source) : elle annonce la dernière publication. Une note dont le français a changé n’est plus publiée.',
      },
    },
    sectionField('what', 'C’est quoi ?', { localized: false }),
    sectionField('why', 'Pourquoi c’est intéressant ?', { localized: false, admin: { condition: isDispositif } }),
    sectionField('how', 'Comment faire ?', { localized: false }),
    sectionField('next', 'Et après ?', { localized: false, admin: { condition: (data, sibling) => !isDispositif(data, sibling) } }),
    {
      name: 'units',
      label: 'Suivi par élément',
      type: 'json',
      admin: { readOnly: true, position: 'sidebar', description: 'Qui a proposé et validé chaque élément, et quand.' },
    },
    {
      // Kept by hooks (translation/progress.ts) for the dashboards; never typed in.
      name: 'progress',
      type: 'group',
      admin: { hidden: true },
      fields: [
        { name: 'total', type: 'number', defaultValue: 0 },
        { name: 'validated', type: 'number', defaultValue: 0 },
        { name: 'outdated', type: 'number', defaultValue: 0 },
        { name: 'toReview', type: 'number', defaultValue: 0 },
        { name: 'toDo', type: 'number', defaultValue: 0 },
      ],
    },
  ],
};

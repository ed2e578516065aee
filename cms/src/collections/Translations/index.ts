import type { ArrayField, CollectionConfig, SelectField } from 'payload';

import { locales } from '@passerelle/content-schemas';

import { canReadTranslations, canUpdateTranslations } from '../../access/translationsAccess';
import { isAdmin } from '../../access/isAdmin';
import { hasRole } from '../../access/roles';
import { validateChangeNote } from '../../fields/changeNote';
import { documentsField, documentRowFields } from '../../fields/documentsField';
import { sectionField } from '../../fields/sectionField';
import { textLimits } from '../../fields/textLimits';
import { applyWorkflow } from './hooks/applyWorkflow';
import { publishValidated } from './hooks/publishValidated';
import { recordProgress } from '../../translation/progress';

export const translationStatusLabels = {
  notStarted: 'Non commencée',
  inProgress: 'En cours',
  toReview: 'À relire',
  validated: 'Validée',
} as const;

/**
 * The states a role may choose: a translator sends for review, an expert also validates. The
 * current state stays listed so the field still shows it (the workflow decides what a save does).
 */
const statesOfferedTo: NonNullable<SelectField['filterOptions']> = ({ options, req, siblingData }) => {
  const { user } = req;
  if (!user || hasRole(user, 'admin')) return options;
  const allowed = new Set<string>(['inProgress', 'toReview']);
  if (hasRole(user, 'expertTranslator')) allowed.add('validated');
  const current = (siblingData as { status?: string } | undefined)?.status;
  if (current) allowed.add(current);
  return options.filter((option) => allowed.has(typeof option === 'string' ? option : option.value));
};

const rtlLanguages = locales.filter((locale) => locale.dir === 'rtl').map((locale) => locale.code);
/** The field's inputs run in the translation's direction (DirectedField). */
const directed = (component: 'DirectedTextField' | 'DirectedTextareaField') => ({
  Field: { path: `/components/DirectedField#${component}`, clientProps: { rtlLanguages } },
});
const withDirectedTitles = (section: ArrayField): ArrayField => ({
  ...section,
  fields: section.fields.map((field) =>
    field.type === 'text' ? { ...field, admin: { ...field.admin, components: { ...field.admin?.components, ...directed('DirectedTextField') } } } : field,
  ),
});

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
      filterOptions: statesOfferedTo,
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
    { name: 'title', label: 'Titre', type: 'text', maxLength: textLimits.title, admin: { components: directed('DirectedTextField') } },
    {
      name: 'brandName',
      label: 'Nom du dispositif',
      type: 'text',
      maxLength: textLimits.title,
      admin: { condition: isDispositif, components: directed('DirectedTextField') },
    },
    {
      name: 'administrationName',
      label: 'Administration concernée',
      type: 'text',
      maxLength: textLimits.title,
      admin: { condition: (data, sibling) => !isDispositif(data, sibling), components: directed('DirectedTextField') },
    },
    { name: 'summary', label: 'Résumé', type: 'textarea', maxLength: 280, admin: { components: directed('DirectedTextareaField') } },
    {
      name: 'changeNote',
      label: 'Note de modification',
      type: 'textarea',
      validate: validateChangeNote,
      admin: {
        components: directed('DirectedTextareaField'),
        description:
          'Seulement si la fiche française en a une (voir le texte source) : elle annonce la dernière publication. Une note dont le français a changé n’est plus publiée.',
      },
    },
    withDirectedTitles(sectionField('what', 'C’est quoi ?', { localized: false })),
    withDirectedTitles(sectionField('why', 'Pourquoi c’est intéressant ?', { localized: false, admin: { condition: isDispositif } })),
    withDirectedTitles(sectionField('how', 'Comment faire ?', { localized: false })),
    withDirectedTitles(sectionField('next', 'Et après ?', { localized: false, admin: { condition: (data, sibling) => !isDispositif(data, sibling) } })),
    withDirectedTitles(documentsField({ localized: false, interfaceName: 'TranslationDocuments', fields: documentRowFields({ translation: true }), admin: { condition: (data, sibling) => !isDispositif(data, sibling) } })),
    // The workflow's records, shown as a table (UnitRecordsTable): Payload's JSON editor loads
    // from an outside CDN and is unreadable for people anyway.
    { name: 'units', label: 'Suivi par élément', type: 'json', admin: { hidden: true } },
    {
      name: 'unitRecords',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/components/UnitRecordsTable#UnitRecordsTable' } },
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

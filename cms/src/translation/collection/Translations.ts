import type { CollectionConfig, SelectField } from 'payload';

import { languageName, translationLocales } from '@passerelle/content-schemas';

import { canReadTranslations, canUpdateTranslations } from '../../access/translationsAccess';
import { isAdmin } from '../../access/isAdmin';
import { hasRole } from '../../access/roles';
import { applyWorkflow } from '../hooks/applyWorkflow';
import { publishValidated } from '../hooks/publishValidated';
import { forgetMemory, updateMemory } from '../memory/store';
import { machineConfirmEndpoint, machineDraftEndpoint } from '../machine/endpoints';
import { memoryProposalEndpoint } from '../memory/proposalEndpoint';
import { recordProgress } from '../progress';
import { wordCountsEndpoint } from '../wordCounts/wordCountsCsv';
import { xliffExportEndpoint, xliffImportEndpoint } from '../xliff/xliffEndpoints';
import { translationFields } from '../translatableFields';

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
    // The list reads only its columns, not every unit's text (see Fiches).
    enableListViewSelectAPI: true,
    description: 'Proposez une traduction, envoyez-la en relecture ; un traducteur expert la valide et la publie.',
    // Export and import of XLIFF files for translation agencies (translation/xliff).
    components: { beforeList: ['/translation/components/XliffExchange#XliffExchange'] },
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
    // The coverage's words to translate per language: summed from this index alone.
    { fields: ['language', 'progress.wordsToTranslate'] },
  ],
  endpoints: [
    memoryProposalEndpoint,
    wordCountsEndpoint,
    xliffExportEndpoint,
    xliffImportEndpoint,
    machineDraftEndpoint,
    machineConfirmEndpoint,
  ],
  hooks: {
    beforeChange: [applyWorkflow, recordProgress],
    // The memory is written after the validated text reached the fiche, which it reads.
    afterChange: [publishValidated, updateMemory],
    afterDelete: [forgetMemory],
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'fiche',
          label: 'Fiche',
          type: 'relationship',
          relationTo: 'fiches',
          required: true,
          index: true,
          admin: { readOnly: true },
        },
        {
          name: 'language',
          label: 'Langue',
          type: 'select',
          required: true,
          index: true,
          options: translationLocales.map((code) => ({ value: code, label: `${languageName(code)} (${code})` })),
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
      admin: { components: { Field: '/translation/components/FrenchSource#FrenchSource' } },
    },
    ...translationFields(),
    // The workflow's records, shown as a table (UnitRecordsTable): Payload's JSON editor loads
    // from an outside CDN and is unreadable for people anyway.
    { name: 'units', label: 'Suivi par élément', type: 'json', admin: { hidden: true } },
    {
      name: 'unitRecords',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/translation/components/UnitRecordsTable#UnitRecordsTable' } },
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
        { name: 'wordsToTranslate', type: 'number', defaultValue: 0 },
      ],
    },
  ],
};

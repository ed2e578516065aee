import type { CollectionConfig, Field } from 'payload';

import { ficheTypes, isShortId, textLimits } from '@passerelle/content-schemas';

import { canCreateFiches, canReadFicheVersions, canReadFiches, canUpdateFiches } from '../../access/fichesAccess';
import { isEditor } from '../../access/isEditor';
import { isContributorOnly, structureOf } from '../../access/roles';
import { writableInFrenchOnly } from '../../access/writableInFrenchOnly';
import { validateChangeNote } from '../../fields/changeNote';
import { reviewFields } from '../../fields/reviewFields';
import { sectionField } from '../../fields/sectionField';
import { slugField } from '../../fields/slugField';
import { validateHttpUrl } from '../../fields/validateHttpUrl';
import { documentsTab } from '../../fields/documentsField';
import { forgetFormerAddresses, recordFormerAddress } from '../../publishing/recordFormerAddress';
import { rebuildAfterChange, rebuildAfterDelete } from '../../publishing/triggerRebuild';
import { assignIdentifiers } from './hooks/assignIdentifiers';
import { checkCompleteness } from './hooks/checkCompleteness';
import { duplicateAsNewFiche, notDuplicated } from './hooks/duplicateAsNewFiche';
import { enforceEditorialRights } from './hooks/enforceEditorialRights';
import { filterByTranslationState } from './hooks/filterByTranslationState';
import { keepLiveFichesForEditors } from './hooks/keepLiveFichesForEditors';
import { refuseStepCycles } from './hooks/refuseStepCycles';
import { stampChangeNote } from './hooks/stampChangeNote';
import { sweepOnCreate } from './hooks/sweepAbandonedFiches';
import { infocardsField } from './infocardsField';
import { computeTranslationStatus } from '../../translation/hooks/syncTranslations';
import { translationStateFilterField } from '../../translation/translationState';
import { recordCheckEndpoint } from '../../review/recordCheck';
import { stampReview } from '../../review/stampReview';

/** Every data field of a fiche, tabs included, is read-only outside French (writableInFrenchOnly). */
function frenchOnly(fields: Field[]): Field[] {
  return fields.map((field) => {
    if (field.type === 'tabs') return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: frenchOnly(tab.fields) })) };
    if (field.type === 'ui' || !('name' in field) || ('virtual' in field && field.virtual)) return field;
    return { ...field, access: { ...field.access, update: writableInFrenchOnly } } as Field;
  });
}

const isDispositif = (data: Partial<{ type: string }> | undefined) => data?.type === 'dispositif';
const isDemarche = (data: Partial<{ type: string }> | undefined) => data?.type !== 'dispositif';

export const Fiches: CollectionConfig = {
  slug: 'fiches',
  labels: { singular: 'Fiche', plural: 'Fiches' },
  // Payload would singularise "fiches" to "Fich".
  typescript: { interface: 'Fiche' },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'type', 'primaryTheme', 'mainStructure', '_status', 'updatedAt'],
    listSearchableFields: ['title', 'slug', 'shortId'],
    group: 'Contenus',
    // The list reads only its columns (Payload's select API) instead of whole fiches with every
    // language's sections: at 1,000 fiches a page of 10 cost 55 ms of CPU and 96 KB, 27 ms and
    // 3 KB with it. No cell or hook of the list needs another field (test/integration/queryPlans.test.ts).
    enableListViewSelectAPI: true,
  },
  versions: {
    drafts: { autosave: { interval: 2000 }, schedulePublish: true, validate: false },
    maxPerDoc: 50,
  },
  // Lists open on the latest edits, in the order an index keeps (see database/indexes.ts).
  defaultSort: '-updatedAt',
  // The export reads published fiches 100 at a time in creation order; review dashboards read a
  // structure's or a theme's due fiches by date (src/review/dashboard.ts).
  indexes: [
    { fields: ['_status', 'createdAt'] },
    { fields: ['mainStructure', 'nextReviewAt'] },
    { fields: ['primaryTheme', 'nextReviewAt'] },
  ],
  endpoints: [recordCheckEndpoint],
  access: {
    read: canReadFiches,
    readVersions: canReadFicheVersions,
    create: canCreateFiches,
    update: canUpdateFiches,
    delete: isEditor,
  },
  hooks: {
    beforeOperation: [duplicateAsNewFiche, keepLiveFichesForEditors, filterByTranslationState],
    afterOperation: [sweepOnCreate],
    beforeValidate: [assignIdentifiers],
    // The translation workflow adds its own hooks (translation/plugin.ts).
    beforeChange: [enforceEditorialRights, checkCompleteness, refuseStepCycles, stampChangeNote, stampReview],
    afterChange: [recordFormerAddress, rebuildAfterChange],
    afterDelete: [forgetFormerAddresses, rebuildAfterDelete],
  },
  fields: frenchOnly([
    {
      name: 'otherLanguage',
      type: 'ui',
      admin: { components: { Field: '/translation/components/TranslationPointer#TranslationPointer' } },
    },
    {
      type: 'tabs',
      tabs: [
        {
          label: 'Contenu',
          fields: [
            {
              name: 'type',
              label: 'Type de fiche',
              type: 'radio',
              required: true,
              // A contributor only proposes its structure's dispositifs: that is their default,
              // and the choice is not shown to them.
              defaultValue: ({ user }) => (isContributorOnly(user) ? 'dispositif' : 'demarche'),
              custom: { hiddenFromContributors: true },
              admin: { condition: (_data, _sibling, { user }) => !isContributorOnly(user) },
              options: ficheTypes.map((type) => ({
                value: type,
                label: type === 'demarche' ? 'Démarche administrative' : 'Dispositif (action d’une structure)',
              })),
            },
            // Required for publication by checkCompleteness (on the French source), not at field level,
            // so a translation can be saved one field at a time.
            { name: 'title', label: 'Titre', type: 'text', localized: true, maxLength: textLimits.title },
            {
              name: 'brandName',
              label: 'Nom du dispositif',
              type: 'text',
              maxLength: textLimits.title,
              localized: true,
              admin: { condition: isDispositif, description: 'Le nom du programme, tel que la structure l’appelle.' },
            },
            {
              name: 'administrationName',
              label: 'Administration concernée',
              type: 'text',
              maxLength: textLimits.title,
              localized: true,
              admin: { condition: isDemarche },
            },
            {
              name: 'summary',
              label: 'Résumé',
              type: 'textarea',
              localized: true,
              maxLength: textLimits.summary,
              admin: { description: `${textLimits.summary} caractères au plus : il apparaît dans les résultats de recherche.` },
            },
            sectionField('what', 'C’est quoi ?'),
            sectionField('why', 'Pourquoi c’est intéressant ?', { admin: { condition: isDispositif } }),
            sectionField('how', 'Comment faire ?'),
            sectionField('next', 'Et après ?', { admin: { condition: isDemarche } }),
          ],
        },
        { label: 'Informations pratiques', fields: [infocardsField] },
        documentsTab,
        {
          label: 'Classement',
          fields: [
            { name: 'primaryTheme', label: 'Thème principal', type: 'relationship', relationTo: 'themes', index: true },
            { name: 'secondaryThemes', label: 'Thèmes secondaires', type: 'relationship', relationTo: 'themes', hasMany: true },
            { name: 'needs', label: 'Besoins', type: 'relationship', relationTo: 'needs', hasMany: true },
            {
              name: 'mainStructure',
              label: 'Structure responsable',
              type: 'relationship',
              relationTo: 'structures',
              index: true,
              // A contributor's fiche always belongs to its structure (enforceEditorialRights).
              defaultValue: ({ user }) => (isContributorOnly(user) ? structureOf(user) : undefined),
              custom: { hiddenFromContributors: true },
              admin: { condition: (_data, _sibling, { user }) => !isContributorOnly(user) },
            },
            {
              name: 'partnerStructures',
              label: 'Structures partenaires',
              type: 'relationship',
              relationTo: 'structures',
              hasMany: true,
            },
            { name: 'externalLink', label: 'Lien externe (site officiel)', type: 'text', validate: validateHttpUrl },
          ],
        },
      ],
    },
    slugField({
      required: false,
      hooks: { beforeDuplicate: [notDuplicated] },
      admin: {
        position: 'sidebar',
        description: 'Créé à partir du titre français. Le modifier change l’adresse de la fiche.',
      },
    }),
    {
      name: 'shortId',
      label: 'Identifiant court (lien partenaire)',
      type: 'text',
      unique: true,
      index: true,
      // Always made by assignIdentifiers; the check guards what reaches `_redirects`.
      validate: (value: string | null | undefined) =>
        !value ||
        isShortId(value) ||
        'Identifiant court invalide : 6 caractères parmi les lettres minuscules et chiffres sans ambiguïté.',
      hooks: { beforeDuplicate: [notDuplicated] },
      admin: { position: 'sidebar', readOnly: true, description: 'Permanent : /f/<identifiant> mène toujours à cette fiche.' },
    },
    {
      name: 'reviewRequested',
      label: 'Soumettre pour relecture',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      hooks: { beforeDuplicate: [() => false] },
      admin: { position: 'sidebar', description: 'Les structures partenaires cochent cette case ; un éditeur relit et publie.' },
    },
    {
      name: 'minorChange',
      label: 'Modification mineure (pas de nouvelle traduction nécessaire)',
      type: 'checkbox',
      virtual: true,
      custom: { hiddenFromContributors: true },
      admin: {
        // Payload shows virtual fields read-only unless told otherwise: this one is an input.
        readOnly: false,
        position: 'sidebar',
        // Only a publication reads it, and contributors do not publish.
        condition: (_data, _sibling, { user }) => !isContributorOnly(user),
        description:
          'Cochez pour une correction qui ne change pas le sens (coquille, ponctuation) : les traductions restent valides.',
      },
    },
    {
      name: 'changeNote',
      label: 'Note de modification (facultatif)',
      type: 'textarea',
      localized: true,
      validate: validateChangeNote,
      hooks: { beforeDuplicate: [notDuplicated] },
      admin: {
        position: 'sidebar',
        description:
          'Une ou deux phrases sur ce qui change pour les lecteurs, en français. Elle apparaît dans les flux de mises à jour et les données ouvertes, datée de cette publication ; une publication suivante sans nouvelle note ne la répète pas.',
      },
    },
    {
      name: 'changeNoteDate',
      label: 'Note de modification publiée le',
      type: 'date',
      hooks: { beforeDuplicate: [notDuplicated] },
      admin: {
        position: 'sidebar',
        readOnly: true,
        date: { pickerAppearance: 'dayAndTime', displayFormat: 'dd/MM/yyyy HH:mm' },
        condition: (data) => Boolean(data?.changeNoteDate),
        description: 'Posée à la publication qui porte une nouvelle note.',
      },
    },
    {
      name: 'translationStatus',
      type: 'json',
      virtual: true,
      custom: { hiddenFromContributors: true },
      admin: { hidden: true },
      hooks: { afterRead: [computeTranslationStatus] },
    },
    // A filter of the list only (hooks/filterByTranslationState.ts).
    { ...translationStateFilterField, custom: { hiddenFromContributors: true } } as Field,
  ]).concat(reviewFields()),
};

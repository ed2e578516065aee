import type { CollectionConfig } from 'payload';

import { ficheTypes } from '@passerelle/content-schemas';

import { canCreateFiches, canReadFicheVersions, canReadFiches, canUpdateFiches } from '../../access/fichesAccess';
import { isEditor } from '../../access/isEditor';
import { validateChangeNote } from '../../fields/changeNote';
import { sectionField } from '../../fields/sectionField';
import { slugField } from '../../fields/slugField';
import { validateHttpUrl } from '../../fields/validateHttpUrl';
import { forgetFormerAddresses, recordFormerAddress } from '../../hooks/recordFormerAddress';
import { rebuildAfterChange, rebuildAfterDelete } from '../../hooks/triggerRebuild';
import { assignIdentifiers } from './hooks/assignIdentifiers';
import { checkCompleteness } from './hooks/checkCompleteness';
import { deleteTranslations } from './hooks/deleteTranslations';
import { enforceEditorialRights } from './hooks/enforceEditorialRights';
import { stampChangeNote } from './hooks/stampChangeNote';
import { computeTranslationStatus, readMinorChange, syncTranslations } from './hooks/syncTranslations';
import { infocardsField } from './infocardsField';
import { refreshTranslationProgress } from '../../translation/progress';

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
  },
  versions: {
    drafts: { autosave: { interval: 2000 }, schedulePublish: true, validate: false },
    maxPerDoc: 50,
  },
  // Lists open on the latest edits, in the order an index keeps (see database/indexes.ts).
  defaultSort: '-updatedAt',
  // The export reads published fiches 100 at a time in creation order.
  indexes: [{ fields: ['_status', 'createdAt'] }],
  access: {
    read: canReadFiches,
    readVersions: canReadFicheVersions,
    create: canCreateFiches,
    update: canUpdateFiches,
    delete: isEditor,
  },
  hooks: {
    beforeValidate: [assignIdentifiers],
    beforeChange: [enforceEditorialRights, readMinorChange, checkCompleteness, stampChangeNote],
    afterChange: [syncTranslations, refreshTranslationProgress, recordFormerAddress, rebuildAfterChange],
    afterDelete: [forgetFormerAddresses, rebuildAfterDelete],
    beforeDelete: [deleteTranslations],
  },
  fields: [
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
              defaultValue: 'demarche',
              options: ficheTypes.map((type) => ({
                value: type,
                label: type === 'demarche' ? 'Démarche administrative' : 'Dispositif (action d’une structure)',
              })),
            },
            // Required for publication by checkCompleteness (on the French source), not at field level,
            // so a translation can be saved one field at a time.
            { name: 'title', label: 'Titre', type: 'text', localized: true },
            {
              name: 'brandName',
              label: 'Nom du dispositif',
              type: 'text',
              localized: true,
              admin: { condition: isDispositif, description: 'Le nom du programme, tel que la structure l’appelle.' },
            },
            {
              name: 'administrationName',
              label: 'Administration concernée',
              type: 'text',
              localized: true,
              admin: { condition: isDemarche },
            },
            {
              name: 'summary',
              label: 'Résumé',
              type: 'textarea',
              localized: true,
              maxLength: 280,
              admin: { description: '280 caractères au plus : il apparaît dans les résultats de recherche.' },
            },
            sectionField('what', 'C’est quoi ?'),
            sectionField('why', 'Pourquoi c’est intéressant ?', { admin: { condition: isDispositif } }),
            sectionField('how', 'Comment faire ?'),
            sectionField('next', 'Et après ?', { admin: { condition: isDemarche } }),
          ],
        },
        { label: 'Informations pratiques', fields: [infocardsField] },
        {
          label: 'Classement',
          fields: [
            { name: 'primaryTheme', label: 'Thème principal', type: 'relationship', relationTo: 'themes', index: true },
            { name: 'secondaryThemes', label: 'Thèmes secondaires', type: 'relationship', relationTo: 'themes', hasMany: true },
            { name: 'needs', label: 'Besoins', type: 'relationship', relationTo: 'needs', hasMany: true },
            { name: 'mainStructure', label: 'Structure responsable', type: 'relationship', relationTo: 'structures', index: true },
            { name: 'partnerStructures', label: 'Structures partenaires', type: 'relationship', relationTo: 'structures', hasMany: true },
            { name: 'externalLink', label: 'Lien externe (site officiel)', type: 'text', validate: validateHttpUrl },
          ],
        },
      ],
    },
    slugField({
      required: false,
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
      admin: { position: 'sidebar', readOnly: true, description: 'Permanent : /f/<identifiant> mène toujours à cette fiche.' },
    },
    {
      name: 'reviewRequested',
      label: 'Soumettre pour relecture',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      admin: { position: 'sidebar', description: 'Les structures partenaires cochent cette case ; un éditeur relit et publie.' },
    },
    {
      name: 'minorChange',
      label: 'Modification mineure (pas de nouvelle traduction nécessaire)',
      type: 'checkbox',
      virtual: true,
      admin: {
        position: 'sidebar',
        description: 'Cochez pour une correction qui ne change pas le sens (coquille, ponctuation) : les traductions restent valides.',
      },
    },
    {
      name: 'changeNote',
      label: 'Note de modification (facultatif)',
      type: 'textarea',
      localized: true,
      validate: validateChangeNote,
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
      admin: { hidden: true },
      hooks: { afterRead: [computeTranslationStatus] },
    },
    {
      name: 'lastCheckedAt',
      label: 'Informations vérifiées le',
      type: 'date',
      admin: { position: 'sidebar', date: { pickerAppearance: 'dayOnly', displayFormat: 'dd/MM/yyyy' } },
    },
  ],
};

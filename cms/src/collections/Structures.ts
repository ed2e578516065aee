import type { CollectionConfig } from 'payload';

import { structureKinds, structureStatuses, textLimits } from '@passerelle/content-schemas';

import { anyone } from '../access/anyone';
import { isEditor } from '../access/isEditor';
import { rebuildAfterChange, rebuildAfterDelete } from '../publishing/triggerRebuild';
import { departementsField } from '../fields/departementsField';
import { slugField } from '../fields/slugField';
import { validateHttpUrl } from '../fields/validateHttpUrl';

const kindLabels: Record<(typeof structureKinds)[number], string> = {
  'public-body': 'Organisme public',
  association: 'Association',
  company: 'Entreprise',
};

export const Structures: CollectionConfig = {
  slug: 'structures',
  labels: { singular: 'Structure', plural: 'Structures' },
  typescript: { interface: 'Structure' },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'kind', 'departements', 'status'], group: 'Classement' },
  defaultSort: 'name',
  access: { read: anyone, create: isEditor, update: isEditor, delete: isEditor },
  hooks: { afterChange: [rebuildAfterChange], afterDelete: [rebuildAfterDelete] },
  fields: [
    { name: 'name', label: 'Nom', type: 'text', required: true, maxLength: textLimits.name },
    { name: 'acronym', label: 'Sigle', type: 'text', maxLength: textLimits.acronym },
    slugField({ from: 'name' }),
    {
      name: 'kind',
      label: 'Type de structure',
      type: 'select',
      required: true,
      defaultValue: 'association',
      options: structureKinds.map((kind) => ({ value: kind, label: kindLabels[kind] })),
    },
    { name: 'logo', label: 'Logo', type: 'upload', relationTo: 'media' },
    { name: 'description', label: 'Présentation', type: 'textarea', localized: true, maxLength: 600 },
    departementsField({ admin: { description: 'Laissez vide pour une structure nationale.' } }),
    {
      name: 'contact',
      label: 'Contact',
      type: 'group',
      interfaceName: 'StructureContact',
      fields: [
        { name: 'address', label: 'Adresse', type: 'text' },
        { name: 'phone', label: 'Téléphone', type: 'text' },
        { name: 'email', label: 'E-mail', type: 'email' },
        { name: 'website', label: 'Site web', type: 'text', validate: validateHttpUrl },
      ],
    },
    {
      name: 'status',
      label: 'Statut',
      type: 'select',
      required: true,
      defaultValue: 'active',
      options: structureStatuses.map((status) => ({ value: status, label: status === 'active' ? 'Active' : 'Inactive' })),
      admin: { position: 'sidebar' },
    },
  ],
};

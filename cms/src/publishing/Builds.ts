import type { CollectionConfig } from 'payload';

import { isAdmin } from '../access/isAdmin';
import { nobody } from '../access/nobody';
import { signedInOrPublishToken } from '../access/signedInOrPublishToken';
import { hiddenUnlessEditor } from '../access/hiddenUnlessEditor';
import { buildEndpoints } from './buildEndpoints';
import { rollbackEndpoint } from './rollback';

export const buildStatuses = [
  { value: 'queued', label: 'En attente' },
  { value: 'running', label: 'En cours' },
  { value: 'succeeded', label: 'En ligne' },
  { value: 'failed', label: 'Échec' },
  { value: 'refused', label: 'Refusée' },
] as const;

export type BuildStatus = (typeof buildStatuses)[number]['value'];

/**
 * One record per publication of the static site: what triggered it, who, how it went. Written
 * only by the publish job (editors read, admins may delete old records).
 */
export const Builds: CollectionConfig = {
  slug: 'builds',
  labels: { singular: 'Publication du site', plural: 'Publications du site' },
  typescript: { interface: 'Build' },
  admin: {
    useAsTitle: 'trigger',
    defaultColumns: ['trigger', 'status', 'requestedByName', 'requestCount', 'createdAt', 'durationSeconds'],
    group: 'Publication',
    hidden: hiddenUnlessEditor,
    description:
      'Chaque modification visible du public reconstruit le site statique. Les modifications faites pendant une publication sont regroupées dans la suivante.',
  },
  defaultSort: '-createdAt',
  access: { read: signedInOrPublishToken, create: nobody, update: nobody, delete: isAdmin },
  endpoints: [...buildEndpoints, rollbackEndpoint],
  fields: [
    {
      name: 'status',
      label: 'État',
      type: 'select',
      required: true,
      defaultValue: 'queued',
      index: true,
      options: buildStatuses.map((status) => ({ ...status })),
    },
    { name: 'trigger', label: 'Déclencheur', type: 'text' },
    { name: 'requestedBy', label: 'Demandée par', type: 'relationship', relationTo: 'users' },
    { name: 'requestedByName', label: 'Demandée par (nom)', type: 'text' },
    {
      name: 'requestCount',
      label: 'Modifications regroupées',
      type: 'number',
      defaultValue: 1,
      admin: { description: 'Les modifications arrivées avant le début de la construction sont publiées ensemble.' },
    },
    {
      name: 'requests',
      label: 'Modifications',
      type: 'array',
      interfaceName: 'BuildRequests',
      labels: { singular: 'Modification', plural: 'Modifications' },
      admin: { initCollapsed: true },
      fields: [
        { name: 'trigger', label: 'Modification', type: 'text' },
        { name: 'by', label: 'Par', type: 'text' },
        { name: 'at', label: 'Le', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
    {
      name: 'reason',
      label: 'Raison de l’échec',
      type: 'textarea',
      admin: { condition: (data) => Boolean(data?.reason) },
    },
    {
      type: 'row',
      fields: [
        { name: 'queuedAt', label: 'Demandée le', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'startedAt', label: 'Commencée le', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'finishedAt', label: 'Terminée le', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'durationSeconds', label: 'Durée (s)', type: 'number' },
      ],
    },
    {
      name: 'pages',
      label: 'Pages',
      type: 'group',
      interfaceName: 'BuildPages',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'total', label: 'Pages HTML', type: 'number' },
            { name: 'publishedFiches', label: 'Fiches publiées', type: 'number' },
            { name: 'fichePages', label: 'Pages de fiche (toutes langues)', type: 'number' },
            { name: 'languages', label: 'Langues', type: 'number' },
            { name: 'redirects', label: 'Règles de redirection', type: 'number' },
          ],
        },
      ],
    },
    // Shown as plain preformatted text (BuildLog): Payload's code editor loads from an outside CDN.
    { name: 'logTail', label: 'Fin du journal de construction', type: 'code', admin: { language: 'shell', hidden: true } },
    { name: 'log', type: 'ui', admin: { components: { Field: '/publishing/components/BuildLog#BuildLog' } } },
    // « Remettre cette version en ligne » (editors and admins, on a successful publication).
    {
      name: 'rollback',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/publishing/components/RollbackAction#RollbackAction' } },
    },
    {
      name: 'mode',
      label: 'Construite par',
      type: 'select',
      defaultValue: 'local',
      options: [
        { value: 'local', label: 'Le serveur du CMS' },
        { value: 'github', label: 'GitHub Actions' },
      ],
      admin: { position: 'sidebar' },
    },
    { name: 'phase', label: 'Étape', type: 'text', admin: { position: 'sidebar' } },
    { name: 'deployId', label: 'Version du site', type: 'text', admin: { position: 'sidebar' } },
    // Incremental publication (docs/publishing.md): which kind of build ran, and why.
    {
      name: 'kind',
      label: 'Construction',
      type: 'select',
      options: [
        { value: 'full', label: 'Complète' },
        { value: 'incremental', label: 'Incrémentale' },
        { value: 'rollback', label: 'Remise en ligne' },
      ],
      admin: { position: 'sidebar' },
    },
    {
      name: 'kindReason',
      label: 'Pourquoi',
      type: 'textarea',
      admin: { position: 'sidebar', condition: (data) => Boolean(data?.kind) },
    },
    // Bookkeeping of the job runner: which process holds the build, and when it last said so.
    { name: 'runner', type: 'text', admin: { hidden: true } },
    { name: 'heartbeatAt', type: 'date', admin: { hidden: true } },
    { name: 'job', type: 'text', admin: { hidden: true } },
  ],
};

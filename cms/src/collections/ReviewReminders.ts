import type { CollectionConfig } from 'payload';

import { isAdmin } from '../access/isAdmin';
import { isEditor } from '../access/isEditor';
import { hiddenUnlessEditor } from '../access/hiddenUnlessEditor';
import { nobody } from '../access/nobody';

export const reviewReminderKinds = ['reminder', 'followUp'] as const;
export type ReviewReminderKind = (typeof reviewReminderKinds)[number];

/**
 * One review reminder e-mail per fiche, due date and kind (the reminder, then one follow-up 14
 * days overdue), written by the job `sendReviewReminders` (src/review/reminders.ts). The unique
 * `key` is what makes the job idempotent across reruns and restarts: a second run finds the
 * record and sends nothing. A mail the server refused stays « en attente » with its error and
 * its number of attempts, and is sent by a later run.
 */
export const ReviewReminders: CollectionConfig = {
  slug: 'review-reminders',
  labels: { singular: 'Rappel de vérification', plural: 'Rappels de vérification' },
  typescript: { interface: 'ReviewReminder' },
  admin: {
    useAsTitle: 'key',
    defaultColumns: ['fiche', 'kind', 'dueDate', 'status', 'attempts', 'lastError', 'sentAt'],
    group: 'Publication',
    hidden: hiddenUnlessEditor,
    description:
      'Les e-mails qui demandent de vérifier une fiche : un rappel par date de vérification, puis une relance 14 jours après. Un envoi en échec est réessayé automatiquement.',
  },
  defaultSort: '-updatedAt',
  // The job reads the reminders not sent yet, oldest first.
  indexes: [{ fields: ['status', 'createdAt'] }],
  access: { read: isEditor, create: nobody, update: nobody, delete: isAdmin },
  fields: [
    { name: 'key', label: 'Clé', type: 'text', required: true, unique: true, index: true, admin: { readOnly: true } },
    { name: 'fiche', label: 'Fiche', type: 'relationship', relationTo: 'fiches', index: true, admin: { readOnly: true } },
    {
      name: 'dueDate',
      label: 'Vérification prévue le',
      type: 'date',
      required: true,
      admin: { readOnly: true, date: { pickerAppearance: 'dayOnly', displayFormat: 'dd/MM/yyyy' } },
    },
    {
      name: 'kind',
      label: 'Type',
      type: 'select',
      required: true,
      options: [
        { value: 'reminder', label: 'Rappel' },
        { value: 'followUp', label: 'Relance (14 jours de retard)' },
      ],
      admin: { readOnly: true },
    },
    {
      name: 'status',
      label: 'État',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      options: [
        { value: 'pending', label: 'En attente d’envoi' },
        { value: 'sent', label: 'Envoyé' },
        { value: 'noRecipient', label: 'Personne à prévenir' },
        { value: 'cancelled', label: 'Sans objet (fiche vérifiée ou retirée avant l’envoi)' },
      ],
      admin: { readOnly: true },
    },
    { name: 'recipients', label: 'Destinataires', type: 'text', admin: { readOnly: true } },
    { name: 'attempts', label: 'Tentatives', type: 'number', defaultValue: 0, admin: { readOnly: true } },
    { name: 'lastError', label: 'Dernière erreur', type: 'textarea', admin: { readOnly: true } },
    {
      name: 'sentAt',
      label: 'Envoyé le',
      type: 'date',
      admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime', displayFormat: 'dd/MM/yyyy HH:mm' } },
    },
  ],
};

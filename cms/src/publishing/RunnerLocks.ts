import type { CollectionConfig } from 'payload';

import { isAdmin } from '../access/isAdmin';
import { nobody } from '../access/nobody';

/**
 * Locks and signs of life of the job runners, in the database so that every CMS process (on
 * every machine) sees the same ones. Written only by `runnerLock.ts` through the Local API.
 * `key` is unique: creating a lock that exists fails in the database itself, which is what makes
 * two runners unable to hold it at once.
 */
export const RunnerLocks: CollectionConfig = {
  slug: 'runner-locks',
  labels: { singular: 'Verrou des tâches', plural: 'Verrous des tâches' },
  typescript: { interface: 'RunnerLock' },
  admin: { hidden: true, useAsTitle: 'key' },
  // Never edited in the admin: no document-lock relation to carry.
  lockDocuments: false,
  access: { read: isAdmin, create: nobody, update: nobody, delete: isAdmin },
  fields: [
    { name: 'key', label: 'Clé', type: 'text', required: true, unique: true, index: true },
    { name: 'holder', label: 'Détenu par', type: 'text', required: true },
    { name: 'expiresAt', label: 'Expire le', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
  ],
};

import type { CollectionConfig } from 'payload';

import { ficheTypes } from '@passerelle/content-schemas';

import { anyone } from '../access/anyone';
import { isAdmin } from '../access/isAdmin';
import { nobody } from '../access/nobody';
import { hiddenUnlessEditor } from '../access/hiddenUnlessEditor';

/**
 * Former addresses of published fiches, recorded automatically when a publication changes a
 * fiche's slug or type (see publishing/recordFormerAddress.ts). Each deploy turns them into 301
 * redirects to the fiche's current address, so printed and shared links keep working.
 */
export const Redirects: CollectionConfig = {
  slug: 'redirects',
  labels: { singular: 'Ancienne adresse', plural: 'Anciennes adresses' },
  typescript: { interface: 'Redirect' },
  admin: {
    useAsTitle: 'slug',
    defaultColumns: ['slug', 'type', 'fiche', 'createdAt'],
    group: 'Publication',
    hidden: hiddenUnlessEditor,
    description:
      'Enregistrées automatiquement quand l’adresse d’une fiche publiée change : le site redirige l’ancienne adresse vers la nouvelle.',
  },
  // Public like the addresses themselves: the site build reads them over REST.
  access: { read: anyone, create: nobody, update: nobody, delete: isAdmin },
  fields: [
    // Not `required`: deleting the fiche sets it to null in the database, then the fiche's
    // afterDelete hook removes its former addresses (a required column would refuse the delete).
    { name: 'fiche', label: 'Fiche', type: 'relationship', relationTo: 'fiches', index: true },
    { name: 'slug', label: 'Ancien identifiant d’URL', type: 'text', required: true, index: true },
    {
      name: 'type',
      label: 'Ancien type',
      type: 'select',
      required: true,
      options: ficheTypes.map((type) => ({ value: type, label: type === 'demarche' ? 'Démarche' : 'Dispositif' })),
    },
  ],
};

import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { CollectionConfig, ImageSize } from 'payload';

import { textLimits } from '@passerelle/content-schemas';

import { anyone } from '../access/anyone';
import { isEditor } from '../access/isEditor';
import { allowedUploadTypes, checkUpload } from '../hooks/checkUpload';
import { rebuildAfterChange, rebuildAfterDelete } from '../publishing/triggerRebuild';

const dirname = path.dirname(fileURLToPath(import.meta.url));

/** Each width exists as WebP and AVIF so the site can offer both in a <picture>. */
const widths = { thumbnail: 320, card: 640, hero: 1280 } as const;
const imageSizes: ImageSize[] = Object.entries(widths).flatMap(([name, width]) => [
  { name: `${name}Webp`, width, withoutEnlargement: true, formatOptions: { format: 'webp', options: { quality: 76 } } },
  { name: `${name}Avif`, width, withoutEnlargement: true, formatOptions: { format: 'avif', options: { quality: 55 } } },
]);

export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: 'Média', plural: 'Médias' },
  typescript: { interface: 'Media' },
  admin: { group: 'Classement' },
  access: { read: anyone, create: isEditor, update: isEditor, delete: isEditor },
  hooks: { beforeOperation: [checkUpload], afterChange: [rebuildAfterChange], afterDelete: [rebuildAfterDelete] },
  upload: {
    staticDir: process.env.MEDIA_DIR ?? path.resolve(dirname, '../../media'),
    mimeTypes: [...allowedUploadTypes],
    imageSizes,
    adminThumbnail: 'thumbnailWebp',
    focalPoint: true,
  },
  fields: [
    {
      name: 'alt',
      label: 'Texte alternatif',
      type: 'text',
      required: true,
      localized: true,
      maxLength: textLimits.alt,
      admin: { description: 'Décrivez l’image pour les personnes qui ne la voient pas (obligatoire).' },
    },
  ],
};

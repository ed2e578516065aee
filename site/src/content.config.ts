import { defineCollection } from 'astro:content';

import { DocumentSchema, FicheSchema, MediaSchema, NeedSchema, StructureSchema, ThemeSchema } from '@passerelle/content-schemas';

import { cmsLoader } from './content/loader';

/**
 * The loader validates every document with these same schemas (and fails the build with the
 * document id and field path); they are repeated here so `getCollection` is typed from them.
 */
export const collections = {
  fiches: defineCollection({ loader: cmsLoader('fiches'), schema: FicheSchema }),
  themes: defineCollection({ loader: cmsLoader('themes'), schema: ThemeSchema }),
  needs: defineCollection({ loader: cmsLoader('needs'), schema: NeedSchema }),
  structures: defineCollection({ loader: cmsLoader('structures'), schema: StructureSchema }),
  documents: defineCollection({ loader: cmsLoader('documents'), schema: DocumentSchema }),
  media: defineCollection({ loader: cmsLoader('media'), schema: ({ image }) => MediaSchema.extend({ src: image() }) }),
};

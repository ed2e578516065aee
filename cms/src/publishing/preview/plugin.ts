/**
 * Preview before publishing (docs/publishing.md, « Prévisualisation »): the endpoints that render
 * a draft fiche or a proposed translation with the site's own build, and the « Prévisualiser »
 * button of their edit views. Registered after the translation and publishing plugins.
 */
import type { CollectionConfig, Config, Plugin } from 'payload';

import { previewEndpoints } from './previewEndpoints';

const button = '/publishing/preview/PreviewButton#PreviewButton';

/** The admin shows its preview control only for a collection with `admin.preview`; it gives the address. */
const previewUrls: Record<string, NonNullable<NonNullable<CollectionConfig['admin']>['preview']>> = {
  fiches: (doc, { locale }) => (doc.id ? `/api/preview/fiche/${String(doc.id)}/${locale || 'fr'}` : null),
  translations: (doc) => (doc.id ? `/api/preview/translation/${String(doc.id)}` : null),
};

export function previewPlugin(): Plugin {
  return (config: Config): Config => {
    const collections = (config.collections ?? []).map((collection): CollectionConfig => {
      const preview = previewUrls[collection.slug];
      if (!preview) return collection;
      return {
        ...collection,
        admin: {
          ...collection.admin,
          preview,
          components: {
            ...collection.admin?.components,
            edit: { ...collection.admin?.components?.edit, PreviewButton: button },
          },
        },
      };
    });
    for (const slug of Object.keys(previewUrls))
      if (!collections.some((collection) => collection.slug === slug))
        throw new Error(`previewPlugin: the ${slug} collection must be registered before the plugin runs.`);
    return { ...config, collections, endpoints: [...(config.endpoints ?? []), ...previewEndpoints] };
  };
}

import type { CollectionConfig, Config, Plugin } from 'payload';

import { withRequestedIdIgnored } from '../hooks/ignoreRequestedId';
import { Translations } from './collection/Translations';
import { MachineGlossaries } from './machine/MachineGlossaries';
import { MachineTranslationSettings } from './machine/MachineTranslationSettings';
import { MachineTranslationUsage } from './machine/MachineTranslationUsage';
import { TranslationMemory } from './memory/TranslationMemory';
import { TranslationWorkLog } from './wordCounts/TranslationWorkLog';
import { deleteTranslations } from './hooks/deleteTranslations';
import { readMinorChange, syncTranslations } from './hooks/syncTranslations';
import { forgetSharedDocument, rememberSharedDocument } from './memory/sharedDocuments';

/**
 * Translation as one feature: the Translations collection, the hooks that keep translations in
 * step with the French fiches, the dashboard panel, the side-by-side view and the endpoints.
 * Registered in payload.config.ts; the fiches collection only declares the contract's
 * `translationStatus` field (its value is computed by this feature: `computeTranslationStatus`).
 */
export function translationPlugin(): Plugin {
  return (config: Config): Config => {
    const collections = (config.collections ?? []).flatMap((collection) =>
      collection.slug === 'fiches'
        ? [withTranslationHooks(collection), ...ownCollections]
        : collection.slug === 'documents'
          ? [withSharedDocumentMemory(collection)]
          : [collection],
    );
    if (!collections.some((collection) => collection.slug === 'translations')) {
      throw new Error('translationPlugin: the fiches collection must be registered before the plugin runs.');
    }
    return {
      ...config,
      collections,
      globals: [...(config.globals ?? []), MachineTranslationSettings],
      admin: {
        ...config.admin,
        components: {
          ...config.admin?.components,
          beforeDashboard: [
            '/translation/components/TranslationDashboard#TranslationDashboard',
            ...(config.admin?.components?.beforeDashboard ?? []),
          ],
        },
      },
    };
  };
}

/** Listed right after the fiches in the admin's navigation. */
const ownCollections: CollectionConfig[] = [
  Translations,
  MachineGlossaries,
  TranslationMemory,
  TranslationWorkLog,
  MachineTranslationUsage,
].map(withRequestedIdIgnored);

/**
 * The fiches' side of the workflow: the « minor change » box is read before the save; after it,
 * translation documents are created or outdated and their progress refreshed — before any other
 * afterChange hook (a rebuild must see the translations as they now are).
 */
function withTranslationHooks(fiches: CollectionConfig): CollectionConfig {
  const hooks = fiches.hooks ?? {};
  return {
    ...fiches,
    hooks: {
      ...hooks,
      beforeChange: [readMinorChange, ...(hooks.beforeChange ?? [])],
      afterChange: [syncTranslations, ...(hooks.afterChange ?? [])],
      beforeDelete: [deleteTranslations, ...(hooks.beforeDelete ?? [])],
    },
  };
}

/** The shared list of documents feeds the memory with its translated names (memory/sharedDocuments.ts). */
function withSharedDocumentMemory(documents: CollectionConfig): CollectionConfig {
  const hooks = documents.hooks ?? {};
  return {
    ...documents,
    hooks: {
      ...hooks,
      afterChange: [...(hooks.afterChange ?? []), rememberSharedDocument],
      afterDelete: [...(hooks.afterDelete ?? []), forgetSharedDocument],
    },
  };
}

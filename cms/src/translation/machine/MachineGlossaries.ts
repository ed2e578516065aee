import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload';
import { ValidationError } from 'payload';

import { locales } from '@passerelle/content-schemas';

import { canEditGlossary } from '../../access/canEditGlossary';
import { canReadGlossary } from '../../access/canReadGlossary';
import { isAdmin } from '../../access/isAdmin';

type Entry = { source?: string | null; target?: string | null };

/**
 * Entries as DeepL accepts them (and as a translator expects them): both sides filled, no tab
 * or line break, no space at the ends, each French term once. Refused with the line to fix.
 */
const checkEntries: CollectionBeforeChangeHook = ({ data, originalDoc, collection, req }) => {
  const errors: { path: string; message: string }[] = [];
  if (originalDoc?.language && data.language && data.language !== originalDoc.language) {
    errors.push({ path: 'language', message: 'La langue d’un glossaire ne peut pas changer : créez-en un autre.' });
  }
  const seen = new Map<string, number>();
  ((data.entries ?? []) as Entry[]).forEach((entry, index) => {
    const source = (entry.source ?? '').replace(/\s+/g, ' ').trim();
    const target = (entry.target ?? '').replace(/\s+/g, ' ').trim();
    entry.source = source;
    entry.target = target;
    if (!source) errors.push({ path: `entries.${index}.source`, message: `Ligne ${index + 1} : le terme français est vide.` });
    if (!target) errors.push({ path: `entries.${index}.target`, message: `Ligne ${index + 1} : la traduction est vide.` });
    const first = seen.get(source.toLowerCase());
    if (source && first !== undefined)
      errors.push({
        path: `entries.${index}.source`,
        message: `Ligne ${index + 1} : « ${source} » figure déjà ligne ${first + 1}.`,
      });
    else seen.set(source.toLowerCase(), index);
  });
  if (errors.length) throw new ValidationError({ collection: collection.slug, id: originalDoc?.id, errors, req });
  return data;
};

/**
 * One glossary per language (French → that language), kept by its expert translators: « titre
 * de séjour » is always translated the same way in machine drafts. DeepL receives a copy before
 * a draft whenever the list changed (machine/deepl.ts); LibreTranslate has no glossary.
 */
export const MachineGlossaries: CollectionConfig = {
  slug: 'machine-glossaries',
  labels: { singular: 'Glossaire', plural: 'Glossaires' },
  admin: {
    group: 'Contenus',
    useAsTitle: 'title',
    defaultColumns: ['title', 'language', 'updatedAt'],
    description:
      'Un glossaire par langue : comment chaque terme français est toujours traduit dans les brouillons de traduction automatique (DeepL). Tenu par les traducteurs experts de la langue.',
  },
  access: { read: canReadGlossary, create: canEditGlossary, update: canEditGlossary, delete: isAdmin },
  hooks: {
    beforeChange: [
      checkEntries,
      ({ data, originalDoc }) => {
        const language = data.language ?? originalDoc?.language;
        data.title = `Glossaire français → ${locales.find((locale) => locale.code === language)?.label ?? language}`;
        return data;
      },
    ],
  },
  fields: [
    { name: 'title', type: 'text', admin: { hidden: true } },
    {
      name: 'language',
      label: 'Langue',
      type: 'select',
      required: true,
      unique: true,
      options: locales
        .filter((locale) => locale.code !== 'fr')
        .map((locale) => ({ value: locale.code, label: `${locale.label} (${locale.code})` })),
    },
    {
      name: 'entries',
      label: 'Termes',
      type: 'array',
      labels: { singular: 'Terme', plural: 'Termes' },
      admin: { description: 'Un terme français et sa traduction imposée, par ligne (« titre de séjour » → …).' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'source', label: 'Terme français', type: 'text', required: true, maxLength: 200, admin: { width: '50%' } },
            { name: 'target', label: 'Traduction', type: 'text', required: true, maxLength: 200, admin: { width: '50%' } },
          ],
        },
      ],
    },
    // DeepL's copy of this list (its id and a fingerprint of the entries it was made from): set by
    // the server only, when a draft finds the list changed.
    { name: 'deeplGlossaryId', type: 'text', admin: { hidden: true }, access: { create: () => false, update: () => false } },
    { name: 'deeplEntriesHash', type: 'text', admin: { hidden: true }, access: { create: () => false, update: () => false } },
  ],
};

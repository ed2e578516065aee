import type { FieldHook, TextField } from 'payload';

import { isSlug, slugMaxLength, slugify } from '@passerelle/content-schemas';

type SlugFieldOptions = Partial<TextField> & {
  /** A sibling field the slug is made from when left empty (a structure's or need's name). */
  from?: string;
};

/**
 * A URL slug: ASCII, lower case, hyphens. With `from`, an empty slug is made from that field,
 * numbered when taken (« parole-et-langues-2 »), so nobody types one by hand; a slug typed by
 * hand is checked and kept.
 */
export function slugField({ from, ...overrides }: SlugFieldOptions = {}): TextField {
  const required = overrides.required ?? true;
  return {
    name: 'slug',
    label: 'Identifiant d’URL (slug)',
    type: 'text',
    required,
    unique: true,
    index: true,
    validate: (value: string | null | undefined) => {
      // With `from`, the server makes the slug before validating: an empty field is fine here.
      if (!value) return required && !from ? 'Indiquez un identifiant d’URL.' : true;
      if (value.length > slugMaxLength)
        return `L’identifiant d’URL ne doit pas dépasser ${slugMaxLength} caractères (il en a ${value.length}).`;
      return (
        isSlug(value) || 'Utilisez seulement des lettres minuscules sans accent, des chiffres et des tirets (ex. : carte-vitale).'
      );
    },
    ...(from ? { hooks: { beforeValidate: [slugFrom(from)] } } : {}),
    admin: { position: 'sidebar', ...(from ? { description: 'Laissez vide : il est créé à partir du nom.' } : {}) },
    ...overrides,
  } as TextField;
}

function slugFrom(source: string): FieldHook {
  return async ({ value, siblingData, originalDoc, collection, req }) => {
    if (typeof value === 'string' && value.trim()) return value;
    if (originalDoc?.slug) return originalDoc.slug;
    const base = slugify(String(siblingData?.[source] ?? originalDoc?.[source] ?? ''));
    if (!base || !collection) return value;
    for (let suffix = 1; ; suffix += 1) {
      const candidate = suffix === 1 ? base : `${base}-${suffix}`;
      const { totalDocs } = await req.payload.count({
        collection: collection.slug as 'structures',
        where: { slug: { equals: candidate } },
        overrideAccess: true,
        req,
      });
      if (totalDocs === 0) return candidate;
    }
  };
}

import { z } from 'zod';

import { localeCodes, type Locale } from './locales';
import { TimestampSchema } from './schemas/common';
import { sectionKeys } from './vocabulary';

/**
 * A fiche is translated, reviewed and kept up to date unit by unit: its title, brand name,
 * administration name, summary, change note and each item of each section. Keys are stable
 * across the CMS and the site: `title`, `summary`, `how.0`, `how.1`…
 */
export const textUnitKeys = ['title', 'brandName', 'administrationName', 'summary', 'changeNote'] as const;
export type TextUnitKey = (typeof textUnitKeys)[number];

/**
 * Lists whose items are translated one by one, in the order translators see them: the sections,
 * then the documents to provide (`documents.0`: a fiche-specific name and/or a short note; a
 * document of the shared list is translated once, in that list, so only its note is a unit).
 */
export const itemListKeys = [...sectionKeys, 'documents'] as const;
export type ItemListKey = (typeof itemListKeys)[number];
export type UnitKey = TextUnitKey | `${ItemListKey}.${number}`;

export function sectionUnitKey(section: ItemListKey, index: number): UnitKey {
  return `${section}.${index}`;
}

export function isUnitKey(value: string): value is UnitKey {
  if ((textUnitKeys as readonly string[]).includes(value)) return true;
  const [section, index] = value.split('.');
  return (itemListKeys as readonly string[]).includes(section ?? '') && /^\d+$/.test(index ?? '');
}

/**
 * Where one unit of a translation stands, in the CMS's words:
 * validated — an expert validated this text against the current French;
 * outdated — it was validated, but the French changed since (until a new validation);
 * toReview / inProgress — text proposed and sent for review, or still being written;
 * missing — nothing written yet.
 */
export const translationUnitStates = ['missing', 'inProgress', 'toReview', 'validated', 'outdated'] as const;
export type UnitState = (typeof translationUnitStates)[number];

/** The states a published fiche carries: only validated text is published, current or outdated. */
export const publishedUnitStates = ['validated', 'outdated'] as const satisfies readonly UnitState[];

/**
 * What the public site learns about each published translation unit: it exists because an expert
 * validated it; `outdated` when the French changed since (then `frenchChangedAt` says when).
 */
export const PublishedUnitStatusSchema = z.object({
  state: z.enum(publishedUnitStates),
  validatedAt: TimestampSchema,
  frenchChangedAt: TimestampSchema.nullish(),
});

export const TranslationStatusSchema = z
  .record(z.string(), z.record(z.string(), PublishedUnitStatusSchema))
  .superRefine((value, context) => {
    for (const [locale, units] of Object.entries(value)) {
      if (!(localeCodes as readonly string[]).includes(locale) || locale === 'fr') {
        context.addIssue({ code: z.ZodIssueCode.custom, path: [locale], message: `not a translation language: ${locale}` });
      }
      for (const key of Object.keys(units)) {
        if (!isUnitKey(key))
          context.addIssue({ code: z.ZodIssueCode.custom, path: [locale, key], message: `not a unit key: ${key}` });
      }
    }
  });

export type PublishedUnitStatus = z.infer<typeof PublishedUnitStatusSchema>;
export type TranslationStatus = Partial<Record<Exclude<Locale, 'fr'>, Record<string, PublishedUnitStatus>>>;

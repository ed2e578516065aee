import { z } from 'zod';

import { DocumentIdSchema, SlugSchema, TimestampSchema } from './common';
import { localized } from './localized';

/**
 * A document of the shared list (« Titre de séjour », « RIB »…), translated once for every fiche
 * that asks for it. The French name is what the reader shows a clerk, beside its translation.
 */
export const DocumentSchema = z.object({
  id: DocumentIdSchema,
  slug: SlugSchema,
  name: localized(z.string()).refine((value) => Boolean(value.fr?.trim()), {
    message: 'a French name is required',
    path: ['fr'],
  }),
  updatedAt: TimestampSchema,
});

export type SharedDocument = z.infer<typeof DocumentSchema>;

/** Whether a document must be brought every time, or only in some situations (said in its note). */
export const documentNeeds = ['required', 'sometimes'] as const;
export type DocumentNeed = (typeof documentNeeds)[number];

/**
 * One document a démarche asks for, as stored per language. The French row carries the structure
 * (which shared document, required or not); a translated row only its texts, matched by position
 * like section items.
 */
export const FicheDocumentSchema = z.object({
  id: z.string().nullish(),
  /** A document of the shared list; absent for a fiche-specific entry (then `name` says it). */
  document: DocumentIdSchema.nullish(),
  name: z.string().nullish(),
  /** « original et copie », « de moins de 3 mois »… */
  note: z.string().nullish(),
  need: z.enum(documentNeeds).nullish(),
});

export type FicheDocument = z.infer<typeof FicheDocumentSchema>;

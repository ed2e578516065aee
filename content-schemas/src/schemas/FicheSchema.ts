import { z } from 'zod';

import {
  commitmentPeriods,
  conditions,
  durationUnits,
  ficheTypes,
  frenchLevels,
  locationScopes,
  pricePeriods,
  publics,
  publicStatuses,
} from '../vocabulary';
import { departementCodes } from '../departements';
import { localeCodes } from '../locales';
import { textLimits } from '../limits';
import { DocumentIdSchema, ShortIdSchema, SlugSchema, TimestampSchema } from './common';
import { localized } from './localized';
import { RichTextSchema } from './RichTextSchema';
import { TranslationStatusSchema } from '../translationUnits';
import { FicheDocumentSchema } from './DocumentSchema';
import { translatedLocales } from '../transforms/translations';

/** Change notes are read in feeds and partner lists: one or two short sentences. */
export const changeNoteMaxLength = 200;

export const SectionItemSchema = z.object({
  id: z.string().nullish(),
  title: z.string().min(1),
  body: RichTextSchema,
});

/** A localized list of section items; an empty section may come back as `{}`. */
const SectionSchema = localized(z.array(SectionItemSchema));

export const InfocardsSchema = z.object({
  location: z.object({
    scope: z.enum(locationScopes),
    departements: z.array(z.enum(departementCodes)).nullish(),
  }),
  publicStatus: z.array(z.enum(publicStatuses)).nullish(),
  public: z.array(z.enum(publics)).nullish(),
  age: z.object({ min: z.number().int().nullish(), max: z.number().int().nullish() }).nullish(),
  frenchLevel: z.enum(frenchLevels).nullish(),
  price: z
    .object({ free: z.boolean().nullish(), amount: z.number().nullish(), period: z.enum(pricePeriods).nullish() })
    .nullish(),
  duration: z.object({ value: z.number().nullish(), unit: z.enum(durationUnits).nullish() }).nullish(),
  conditions: z.array(z.enum(conditions)).nullish(),
  commitment: z.object({ hours: z.number().nullish(), per: z.enum(commitmentPeriods).nullish() }).nullish(),
});

/** One archived change note: French, plus the translations validated for it (see transforms/review.ts). */
export const ChangeHistoryEntrySchema = z.object({
  id: z.string().nullish(),
  date: TimestampSchema,
  notes: z
    .record(z.enum(localeCodes), z.string().min(1).max(changeNoteMaxLength))
    .refine((notes) => Boolean(notes.fr), { message: 'a French note is required', path: ['fr'] }),
});

/**
 * A published fiche as the CMS serves it with `locale=all&depth=0`: localized fields are
 * objects keyed by language, relations are ids. Drafts never belong in a snapshot.
 */
const FicheFieldsSchema = z.object({
  id: DocumentIdSchema,
  type: z.enum(ficheTypes),
  title: localized(z.string()).refine((value) => Boolean(value.fr?.trim()), {
    message: 'a French title is required',
    path: ['fr'],
  }),
  brandName: localized(z.string()).nullish(),
  administrationName: localized(z.string()).nullish(),
  summary: localized(z.string().max(textLimits.summary)),
  what: SectionSchema,
  why: SectionSchema.nullish(),
  how: SectionSchema,
  next: SectionSchema.nullish(),
  /** Démarches: the documents to provide, in order (see DocumentSchema.ts). */
  documents: localized(z.array(FicheDocumentSchema)).nullish(),
  /** Set when the editor said the démarche needs no document at all. */
  noDocuments: z.boolean().nullish(),
  /** Démarches that usually come before and after this one; ids, possibly of fiches not published. */
  stepsBefore: z.array(DocumentIdSchema).nullish(),
  stepsAfter: z.array(DocumentIdSchema).nullish(),
  infocards: InfocardsSchema,
  primaryTheme: DocumentIdSchema,
  secondaryThemes: z.array(DocumentIdSchema).nullish(),
  needs: z.array(DocumentIdSchema).nullish(),
  mainStructure: DocumentIdSchema,
  partnerStructures: z.array(DocumentIdSchema).nullish(),
  externalLink: z.string().url().nullish(),
  slug: SlugSchema,
  shortId: ShortIdSchema,
  lastCheckedAt: TimestampSchema.nullish(),
  /** Review dates (cms/src/fields/reviewFields.ts): when the facts are due to be checked again, and the last real change (a check is not one). */
  nextReviewAt: TimestampSchema.nullish(),
  changedAt: TimestampSchema.nullish(),
  /** The dated notes of earlier publications, oldest first; the current note is `changeNote`. */
  changeHistory: z.array(ChangeHistoryEntrySchema).nullish(),
  /** What changed, in the editors' words, for the publication dated `changeNoteDate` (French; translations optional). */
  changeNote: localized(z.string().max(changeNoteMaxLength)).nullish(),
  /** Set by the CMS when a publication carries a new note: the note belongs to that publication only. */
  changeNoteDate: TimestampSchema.nullish(),
  /** Per language and unit: validated or outdated (see translationUnits.ts). Absent on fiches never translated. */
  translationStatus: TranslationStatusSchema.nullish(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  _status: z.literal('published'),
});

/**
 * The fiche, plus the languages it is translated into (`translatedLocales`, transforms/translations.ts),
 * worked out once when the fiche is read: the export writes it into the snapshot, and the site,
 * the CDN rules and the tests read it instead of working it out again. A value already in the
 * input (a snapshot) is recomputed, so it can never disagree with the texts.
 */
export const FicheSchema = FicheFieldsSchema.transform((fiche) => ({ ...fiche, translatedLocales: translatedLocales(fiche) }));

export type Fiche = z.infer<typeof FicheSchema>;

/** The rich-text sections, most of a fiche's bytes: shown only on the fiche's own pages and appointment sheet. */
export const ficheSectionFields = { what: true, why: true, how: true, next: true } as const;

/**
 * A fiche without its sections, checked like the whole fiche otherwise (`translatedLocales`
 * included, which reads titles and summaries only). An incremental publication's build stores
 * this for every fiche whose pages it does not render (site/src/lib/renderOnly.ts): those were
 * checked whole by the build that rendered them, and their sections have not changed since.
 */
export const FicheListingSchema = FicheFieldsSchema.omit(ficheSectionFields).transform((fiche) => ({
  ...fiche,
  translatedLocales: translatedLocales(fiche),
}));

export type FicheListing = z.infer<typeof FicheListingSchema>;
export type Infocards = z.infer<typeof InfocardsSchema>;
export type SectionItem = z.infer<typeof SectionItemSchema>;

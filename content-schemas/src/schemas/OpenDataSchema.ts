import { z } from 'zod';

import { localeCodes } from '../locales';
import { ficheTypes } from '../vocabulary';
import { ShortIdSchema, SlugSchema, TimestampSchema } from './common';
import { changeNoteMaxLength, InfocardsSchema } from './FicheSchema';

/** The current version of the open data format; a breaking change gets a new number. */
export const openDataFormatVersion = 1;

const LocaleSchema = z.enum(localeCodes);

/** A text with the language it is really written in: the file's language, or French when not translated. */
const TextWithLanguageSchema = z.object({ text: z.string().min(1), lang: LocaleSchema });

/**
 * One published fiche in the open data file of a language (`/{lang}/fiches.json`): the
 * language-neutral facts (the infocards' vocabulary codes, themes and needs as slugs, structures),
 * its addresses, and its title and summary in that language or French.
 */
export const OpenDataFicheSchema = z
  .object({
    id: z.string().min(1),
    shortId: ShortIdSchema,
    type: z.enum(ficheTypes),
    /** True when title and summary exist in the file's language; false means they are the French source. */
    translated: z.boolean(),
    title: TextWithLanguageSchema,
    summary: TextWithLanguageSchema,
    urls: z.object({
      /** The fiche's page in the file's language (French text under a notice when not translated). */
      page: z.string().url(),
      french: z.string().url(),
      /** Permanent: survives a change of title or type. */
      shortLink: z.string().url(),
    }),
    primaryTheme: SlugSchema,
    themes: z.array(SlugSchema).min(1),
    needs: z.array(SlugSchema),
    structures: z.object({
      main: z.object({ slug: SlugSchema, name: z.string().min(1) }),
      partners: z.array(z.object({ slug: SlugSchema, name: z.string().min(1) })),
    }),
    infocards: InfocardsSchema,
    externalLink: z.string().url().nullable(),
    /** When the facts were last checked (a publication in French is a check; so is « vérifiée, rien n'a changé »). */
    lastCheckedAt: TimestampSchema.nullable(),
    /** The last real change of the text: a check moves `lastCheckedAt` and `updatedAt`, not this. */
    lastChangedAt: TimestampSchema,
    /** When the fiche is due to be checked again; null on a fiche published before review dates existed. */
    nextReviewAt: TimestampSchema.nullable(),
    updatedAt: TimestampSchema,
    /**
     * Démarches: the documents to provide, in order, each named in the file's language (or French)
     * and in French; `shared` is the slug of the shared list's document, the same on every fiche.
     */
    documents: z.array(
      z
        .object({
          name: TextWithLanguageSchema,
          french: z.string().min(1),
          note: TextWithLanguageSchema.nullable(),
          frenchNote: z.string().min(1).nullable(),
          required: z.boolean(),
          shared: SlugSchema.nullable(),
        })
        .strict(),
    ),
    /** True when the démarche needs no document at all (then `documents` is empty). */
    noDocuments: z.boolean(),
    /** Published démarches that usually come before and after this one, by short id. */
    steps: z.object({ before: z.array(ShortIdSchema), after: z.array(ShortIdSchema) }).strict(),
    /** The note of the fiche's latest publication that carried one, with that publication's date. */
    changeNote: z
      .object({ text: z.string().min(1).max(changeNoteMaxLength), lang: LocaleSchema, date: TimestampSchema })
      .nullable(),
  })
  .strict();

export const OpenDataSchema = z
  .object({
    format: z.literal('passerelle-fiches'),
    version: z.literal(openDataFormatVersion),
    /** The language of this file: every title and summary is in it, or in French (`lang: "fr"`). */
    lang: LocaleSchema,
    /** The latest `updatedAt` of the fiches listed (not the build time: an unchanged site gives an unchanged file). */
    updatedAt: TimestampSchema.nullable(),
    licence: z.string().min(1),
    documentation: z.string().url(),
    feed: z.string().url(),
    fiches: z.array(OpenDataFicheSchema),
  })
  .strict()
  .superRefine((data, context) => {
    data.fiches.forEach((fiche, index) => {
      if (fiche.translated !== (fiche.title.lang === data.lang && fiche.summary.lang === data.lang)) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['fiches', index, 'translated'],
          message: 'translated must say whether title and summary are in the file language',
        });
      }
      if (!fiche.themes.includes(fiche.primaryTheme)) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['fiches', index, 'themes'],
          message: 'themes must include the primary theme',
        });
      }
    });
  });

export type OpenData = z.infer<typeof OpenDataSchema>;

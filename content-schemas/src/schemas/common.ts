import { datetimeRegex, z } from 'zod';

import { slugMaxLength } from '../transforms/slug';
import { isShortId, shortIdAlphabet, shortIdLength } from '../transforms/shortId';

/** Document ids are strings on both databases (uuid on SQLite, ObjectId hex on MongoDB). */
export const DocumentIdSchema = z.string().min(1);

/**
 * Payload writes ISO-8601 timestamps in UTC. The rule of `z.string().datetime({ offset: true })`,
 * with its pattern made once: zod 3 builds that pattern again at every value it checks, and a
 * build checks the timestamps of every fiche (tens of thousands at 1,000 fiches).
 */
const timestampPattern = datetimeRegex({ offset: true, local: false, precision: null });
export const TimestampSchema = z.string().superRefine((value, context) => {
  // The issue `.datetime()` raises, so that messages keyed on it (the import's French) still apply.
  if (!timestampPattern.test(value))
    context.addIssue({ code: z.ZodIssueCode.invalid_string, validation: 'datetime', message: 'Invalid datetime' });
});

// Same rule as the CMS (`isSlug`): a longer slug would make a folder name the build cannot write.
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected an ASCII kebab-case slug')
  .max(slugMaxLength, `expected a slug of at most ${slugMaxLength} characters`);

/** The permanent partner-link id (`/f/k7m2qx`): it reaches `_redirects`, so nothing else may pass. */
export const ShortIdSchema = z
  .string()
  .refine(isShortId, `expected a short id: ${shortIdLength} characters from « ${shortIdAlphabet} »`);

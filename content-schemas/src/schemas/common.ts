import { z } from 'zod';

import { slugMaxLength } from '../transforms/slug';
import { isShortId, shortIdAlphabet, shortIdLength } from '../transforms/shortId';

/** Document ids are strings on both databases (uuid on SQLite, ObjectId hex on MongoDB). */
export const DocumentIdSchema = z.string().min(1);

/** Payload writes ISO-8601 timestamps in UTC. */
export const TimestampSchema = z.string().datetime({ offset: true });

// Same rule as the CMS (`isSlug`): a longer slug would make a folder name the build cannot write.
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected an ASCII kebab-case slug')
  .max(slugMaxLength, `expected a slug of at most ${slugMaxLength} characters`);

/** The permanent partner-link id (`/f/k7m2qx`): it reaches `_redirects`, so nothing else may pass. */
export const ShortIdSchema = z
  .string()
  .refine(isShortId, `expected a short id: ${shortIdLength} characters from « ${shortIdAlphabet} »`);

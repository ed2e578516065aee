import { z } from 'zod';

import { localeCodes, type Locale } from '../locales';

/**
 * A localized field as the CMS returns it with `locale=all`: one entry per language that has
 * a value. French is the source; any other language may be missing (not translated yet).
 */
export function localized<T extends z.ZodTypeAny>(value: T) {
  const shape = Object.fromEntries(localeCodes.map((code) => [code, value.nullish()])) as Record<
    Locale,
    z.ZodOptional<z.ZodNullable<T>>
  >;
  return z.object(shape);
}

export type Localized<T> = Partial<Record<Locale, T | null>>;

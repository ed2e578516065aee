import { z } from 'zod';

import { themeColors, themeIconPattern, themeIds } from '../vocabulary';
import { DocumentIdSchema, TimestampSchema } from './common';
import { localized } from './localized';

export const ThemeSchema = z.object({
  id: DocumentIdSchema,
  slug: z.enum(themeIds),
  name: localized(z.string()).refine((value) => Boolean(value.fr), { message: 'a French name is required', path: ['fr'] }),
  description: localized(z.string()).nullish(),
  color: z.enum(themeColors),
  icon: z.string().regex(themeIconPattern),
  order: z.number().nullish(),
  updatedAt: TimestampSchema,
});

export type Theme = z.infer<typeof ThemeSchema>;

import { z } from 'zod';

import { DocumentIdSchema, SlugSchema, TimestampSchema } from './common';
import { localized } from './localized';

export const NeedSchema = z.object({
  id: DocumentIdSchema,
  slug: SlugSchema,
  name: localized(z.string()).refine((value) => Boolean(value.fr), { message: 'a French name is required', path: ['fr'] }),
  theme: DocumentIdSchema,
  order: z.number().nullish(),
  updatedAt: TimestampSchema,
});

export type Need = z.infer<typeof NeedSchema>;

import { z } from 'zod';

import { departementCodes } from '../departements';
import { structureKinds, structureStatuses } from '../vocabulary';
import { DocumentIdSchema, SlugSchema, TimestampSchema } from './common';
import { localized } from './localized';

export const StructureSchema = z.object({
  id: DocumentIdSchema,
  name: z.string().min(1),
  acronym: z.string().nullish(),
  slug: SlugSchema,
  kind: z.enum(structureKinds),
  logo: DocumentIdSchema.nullish(),
  description: localized(z.string()).nullish(),
  departements: z.array(z.enum(departementCodes)).nullish(),
  contact: z
    .object({
      address: z.string().nullish(),
      phone: z.string().nullish(),
      email: z.string().email().nullish(),
      website: z.string().url().nullish(),
    })
    .nullish(),
  status: z.enum(structureStatuses),
  updatedAt: TimestampSchema,
});

export type Structure = z.infer<typeof StructureSchema>;

import { z } from 'zod';

import { DocumentIdSchema, TimestampSchema } from './common';
import { localized } from './localized';

const ImageSizeSchema = z.object({
  url: z.string().nullish(),
  width: z.number().nullish(),
  height: z.number().nullish(),
  mimeType: z.string().nullish(),
  filesize: z.number().nullish(),
  filename: z.string().nullish(),
});

/** An uploaded image; `url` is relative to the CMS (`/api/media/file/…`). */
export const MediaSchema = z.object({
  id: DocumentIdSchema,
  alt: localized(z.string()).refine((value) => Boolean(value.fr), { message: 'a French alt text is required', path: ['fr'] }),
  url: z.string().min(1),
  filename: z.string().min(1),
  mimeType: z.string().min(1),
  filesize: z.number(),
  width: z.number().nullish(),
  height: z.number().nullish(),
  sizes: z.record(z.string(), ImageSizeSchema).nullish(),
  updatedAt: TimestampSchema,
});

export type Media = z.infer<typeof MediaSchema>;

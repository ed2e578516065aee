import { z } from 'zod';

/** A Lexical node as stored by Payload. Node-specific fields pass through; renderers check `type`. */
export type LexicalNode = {
  type: string;
  version?: number | undefined;
  children?: LexicalNode[];
  [key: string]: unknown;
};

export const LexicalNodeSchema: z.ZodType<LexicalNode> = z.lazy(() =>
  z
    .object({
      type: z.string().min(1),
      version: z.number().optional(),
      children: z.array(LexicalNodeSchema).optional(),
    })
    .passthrough(),
);

export const RichTextSchema = z.object({
  root: z
    .object({
      type: z.literal('root'),
      direction: z.enum(['ltr', 'rtl']).nullish(),
      children: z.array(LexicalNodeSchema),
    })
    .passthrough(),
});

export type RichText = z.infer<typeof RichTextSchema>;

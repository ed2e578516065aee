/**
 * The publish protocol, typed once: what the publish pipeline (scripts/src/publish.ts) prints and
 * what the CMS (cms/src/publishing/runPipeline.ts) and the GitHub workflow (.github/workflows/publish.yml)
 * read from it. The pipeline prints `PUBLISH_STAGE <stage>` as each stage starts and, last,
 * `PUBLISH_RESULT <json>`.
 */
import { z } from 'zod';

export const publishStages = ['export', 'build', 'verify', 'switch'] as const;
export type PublishStage = (typeof publishStages)[number];

export const publishStagePrefix = 'PUBLISH_STAGE ';
export const publishResultPrefix = 'PUBLISH_RESULT ';

/** How a deploy was built (docs/publishing.md); `rollback` marks an earlier deploy put back online. */
export const buildKinds = ['full', 'incremental', 'rollback'] as const;
export type BuildKind = (typeof buildKinds)[number];

const PageCountsSchema = z.object({
  total: z.number(),
  fiches: z.record(z.string(), z.number()),
  shortLinks: z.number(),
});

export const PublishSucceededSchema = z.object({
  status: z.literal('succeeded'),
  deployId: z.string(),
  previousDeployId: z.string().optional(),
  publishedFiches: z.number(),
  pages: PageCountsSchema,
  redirects: z.number(),
  durationMs: z.number().optional(),
  warnings: z.array(z.string()).optional(),
  kind: z.enum(['full', 'incremental']).optional(),
  /** Why this kind, in French (shown in the admin). */
  why: z.string().optional(),
  /** Milliseconds per step. */
  timings: z.record(z.string(), z.number()).optional(),
});

export const PublishFailedSchema = z.object({
  status: z.enum(['failed', 'refused']),
  /** Absent from a PUBLISH_COMMAND of one's own that says only its reason. */
  stage: z.string().optional(),
  /** The French sentence editors read. */
  reason: z.string(),
  message: z.string().optional(),
});

export const PublishResultSchema = z.discriminatedUnion('status', [PublishSucceededSchema, PublishFailedSchema]);
export type PublishResult = z.infer<typeof PublishResultSchema>;

/** The line the pipeline prints last. */
export function formatPublishResult(result: PublishResult): string {
  return `${publishResultPrefix}${JSON.stringify(result)}`;
}

/** A `PUBLISH_RESULT` line's result, or undefined when the line is not one or does not hold a valid result. */
export function parsePublishResult(line: string): PublishResult | undefined {
  if (!line.startsWith(publishResultPrefix)) return undefined;
  try {
    const parsed = PublishResultSchema.safeParse(JSON.parse(line.slice(publishResultPrefix.length)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

import { timingSafeEqual } from 'node:crypto';

import type { PayloadRequest } from 'payload';

/** Header carrying PUBLISH_TOKEN, for scripts (npm start, the GitHub workflow) that have no user session. */
export const publishTokenHeader = 'x-passerelle-publish-token';

/** True when the request carries the configured PUBLISH_TOKEN (never when none is configured). */
export function hasPublishToken(req: Pick<PayloadRequest, 'headers'>, env: NodeJS.ProcessEnv = process.env): boolean {
  const expected = env.PUBLISH_TOKEN;
  const given = req.headers?.get(publishTokenHeader);
  if (!expected || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

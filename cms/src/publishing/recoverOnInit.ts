import type { Payload } from 'payload';

import { releaseDeadBuilds } from './requestRebuild';

/**
 * `onInit`: a CMS that starts again after a crash or a restart finds the builds its previous
 * process left behind. Queued jobs simply run (the queue is in the database); a build cut off
 * mid-way is marked failed and requested again, so no published change is lost.
 */
export async function recoverInterruptedBuilds(payload: Payload): Promise<void> {
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  try {
    await releaseDeadBuilds(payload, { retry: true });
  } catch (error) {
    payload.logger.error(`publish: could not check for interrupted builds: ${(error as Error).message}`);
  }
}

import type { RunJobAccess } from 'payload';

import { publishQueue } from '../publishing/requestRebuild';
import { hasRole } from './roles';

/**
 * `GET /api/payload-jobs/run` (and `/handle-schedules`): the CMS process runs its queues itself
 * (`jobs.autoRun`), so over HTTP only an admin may nudge the default queue (scheduled
 * publications). The publish queue never: a second runner would build the site twice at once.
 */
export const canRunJobs: RunJobAccess = ({ req }) => {
  if (!hasRole(req.user, 'admin')) return false;
  const { allQueues, queue } = (req.query ?? {}) as { allQueues?: unknown; queue?: unknown };
  if (allQueues !== undefined && allQueues !== 'false') return false;
  return queue === undefined || queue !== publishQueue;
};

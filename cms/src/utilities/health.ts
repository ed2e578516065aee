import type { Endpoint, Payload } from 'payload';

import { lastRunnerBeat } from '../publishing/runnerLock';
import { cmsRole, jobsAutoRun } from './deployment';

/** A job runner silent for longer than this is reported as stopped. */
export const runnerSilentAfterMs = 90_000;

export type Health = {
  status: 'ok' | 'degraded' | 'down';
  role: string;
  database: { reachable: boolean; ms: number };
  jobs: { runsHere: boolean; runnerLastSeenAt: string | null; runnerSecondsAgo: number | null; runnerAlive: boolean };
  publishing: { lastBuildStatus: string | null; lastBuildAt: string | null };
  checkedAt: string;
};

/**
 * What a load balancer asks: is this instance able to serve (database reachable), and is the
 * one job runner alive. Says nothing a visitor should not know: no host names, versions,
 * addresses or error messages (those go to the server log).
 */
export async function checkHealth(payload: Payload, now = Date.now()): Promise<Health> {
  const started = performance.now();
  let reachable = true;
  let beat: Date | null = null;
  let lastBuild: { status?: string | null; updatedAt?: string } | undefined;
  try {
    beat = await lastRunnerBeat(payload);
    // Indexed (`createdAt`), one row: cheap enough for a probe every few seconds.
    const { docs } = await payload.find({
      collection: 'builds',
      sort: '-createdAt',
      limit: 1,
      depth: 0,
      pagination: false,
      select: { status: true, updatedAt: true },
    });
    lastBuild = docs[0];
  } catch (error) {
    reachable = false;
    payload.logger.error({ err: error, msg: 'health: the database is not reachable' });
  }
  const ms = Math.round(performance.now() - started);
  const secondsAgo = beat ? Math.max(0, Math.round((now - beat.getTime()) / 1000)) : null;
  const runnerAlive = secondsAgo !== null && secondsAgo * 1000 <= runnerSilentAfterMs;
  return {
    status: !reachable ? 'down' : runnerAlive ? 'ok' : 'degraded',
    role: cmsRole(),
    database: { reachable, ms },
    jobs: { runsHere: jobsAutoRun(), runnerLastSeenAt: beat?.toISOString() ?? null, runnerSecondsAgo: secondsAgo, runnerAlive },
    publishing: { lastBuildStatus: lastBuild?.status ?? null, lastBuildAt: lastBuild?.updatedAt ?? null },
    checkedAt: new Date(now).toISOString(),
  };
}

/**
 * GET /api/health — public, no session. 200 while the database answers (a web instance stays in
 * the pool when only the worker is down: editors can still write), 503 when it does not.
 * `?runner=required` (the worker's own check, or monitoring) also answers 503 when no job
 * runner has shown a sign of life for 90 s.
 */
export const healthEndpoint: Endpoint = {
  path: '/health',
  method: 'get',
  handler: async (req) => {
    const health = await checkHealth(req.payload);
    const runnerRequired = new URL(req.url ?? '', 'http://localhost').searchParams.get('runner') === 'required';
    const failing = health.status === 'down' || (runnerRequired && !health.jobs.runnerAlive);
    return Response.json(health, { status: failing ? 503 : 200, headers: { 'Cache-Control': 'no-store' } });
  },
};

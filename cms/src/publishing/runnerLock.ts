import { hostname } from 'node:os';

import type { Payload } from 'payload';

import { processIsAlive } from '@passerelle/content-schemas/exclusiveLock';

import type { RunnerLock } from '../payload-types';
import { numberFromEnv } from './publishSettings';
import { updateBuildWhile } from './updateBuildWhile';

/**
 * A lock in the database (collection `runner-locks`), so that two job runners — a second
 * worker started by mistake, `payload jobs:run` next to a CMS that runs jobs, two machines —
 * never build the site at the same time, and a job the queue handed to both runs once (the
 * second one, once it holds the lock, finds the build already done).
 *
 * Acquiring is a `create` of the lock's key, unique in the database: of two runners trying at
 * the same instant, the database lets exactly one in. The holder renews a lease while it works;
 * a lock whose lease ran out, or whose holder is a process of this machine that no longer
 * exists, is taken over (its record is deleted by id, so a takeover never removes a newer lock).
 * Leases compare clocks of different machines: keep them in sync (NTP), far below the lease.
 */
export const publishLockKey = 'publish';
/** The record that says when a job runner last showed a sign of life (read by /api/health). */
export const runnerBeatKey = 'runner';

const collection = 'runner-locks' as const;

export function leaseMs(env: NodeJS.ProcessEnv = process.env): number {
  return numberFromEnv(env.RUNNER_LOCK_LEASE_MS, 60_000);
}

/** `host:pid` of this process: the runner lock's holder, and the `runner` written on the builds it runs. */
export function lockHolder(): string {
  return `${hostname()}:${process.pid}`;
}

function isAliveHere(holder: string): boolean | undefined {
  const [host, pid] = holder.split(':');
  if (host !== hostname() || !pid) return undefined;
  return processIsAlive(Number(pid));
}

export function isStale(lock: Pick<RunnerLock, 'holder' | 'expiresAt'>, now = Date.now()): boolean {
  if (isAliveHere(lock.holder) === false) return true;
  return Date.parse(lock.expiresAt) <= now;
}

async function findLock(payload: Payload, key: string): Promise<RunnerLock | undefined> {
  const { docs } = await payload.find({ collection, where: { key: { equals: key } }, limit: 1, depth: 0, pagination: false });
  return docs[0];
}

/** One attempt: the lock record when this process now holds `key`, undefined when another does. */
export async function tryAcquire(payload: Payload, key: string, holder = lockHolder()): Promise<RunnerLock | undefined> {
  const now = Date.now();
  const existing = await findLock(payload, key);
  if (existing) {
    if (!isStale(existing, now)) return undefined;
    // Deleted by id: if another runner took it over first, this deletes nothing of theirs.
    await payload.delete({ collection, id: existing.id, depth: 0 }).catch(() => undefined);
    payload.logger.warn({
      lock: key,
      formerHolder: existing.holder,
      msg: `runner lock "${key}": taken over from ${existing.holder} (gone or lease expired)`,
    });
  }
  try {
    return await payload.create({
      collection,
      data: { key, holder, expiresAt: new Date(now + leaseMs()).toISOString() },
      depth: 0,
    });
  } catch (error) {
    // The unique key refused it: another runner was faster. Anything else is a real failure.
    if (await findLock(payload, key)) return undefined;
    throw error;
  }
}

export type LockOptions = {
  /** Called at every unsuccessful attempt, e.g. to show that the waiting job is not abandoned. */
  whileWaiting?: () => Promise<unknown>;
  pollMs?: number;
  /** Give up after this long (default 30 minutes: twice the longest build). */
  maxWaitMs?: number;
};

export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
}

/** Runs `work` holding the lock `key`; waits for it as long as another runner holds it. */
export async function withRunnerLock<T>(
  payload: Payload,
  key: string,
  work: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const { pollMs = 1_000, maxWaitMs = 30 * 60_000 } = options;
  const started = Date.now();
  let lock = await tryAcquire(payload, key);
  while (!lock) {
    if (Date.now() - started > maxWaitMs) {
      throw new LockTimeoutError(
        `Une autre tâche détient le verrou « ${key} » depuis plus de ${Math.round(maxWaitMs / 60_000)} minutes.`,
      );
    }
    await options
      .whileWaiting?.()
      .catch((error: Error) => payload.logger.warn({ lock: key, msg: `runner lock "${key}": ${error.message}` }));
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    lock = await tryAcquire(payload, key);
  }
  const held = lock;
  const renew = setInterval(
    () => {
      payload
        .update({ collection, id: held.id, data: { expiresAt: new Date(Date.now() + leaseMs()).toISOString() }, depth: 0 })
        .then(() => recordRunnerBeat(payload))
        .catch((error: Error) =>
          payload.logger.error({ lock: key, msg: `runner lock "${key}": could not renew the lease (${error.message})` }),
        );
    },
    Math.max(1_000, Math.floor(leaseMs() / 6)),
  );
  try {
    // A sign of life that could not be written must not stop the build it announces.
    await recordRunnerBeat(payload, { force: true }).catch((error: Error) =>
      payload.logger.warn({ lock: key, msg: `runner lock "${key}": could not record the runner's beat (${error.message})` }),
    );
    return await work();
  } finally {
    clearInterval(renew);
    await payload.delete({ collection, id: held.id, depth: 0 }).catch(() => undefined);
  }
}

let lastBeat = 0;

/**
 * Writes that a job runner is alive now (at most every 10 s per process; true when it wrote). Called by the job
 * runner's every tick (`jobs.shouldAutoRun`) and while a lock is held (a build blocks the ticks).
 */
export async function recordRunnerBeat(payload: Payload, { force = false }: { force?: boolean } = {}): Promise<boolean> {
  const now = Date.now();
  if (!force && now - lastBeat < 10_000) return false;
  lastBeat = now;
  const data = { key: runnerBeatKey, holder: lockHolder(), expiresAt: new Date(now).toISOString() };
  const existing = await findLock(payload, runnerBeatKey);
  if (existing) {
    await payload.update({ collection, id: existing.id, data, depth: 0 });
    return true;
  }
  try {
    await payload.create({ collection, data, depth: 0 });
  } catch (error) {
    // Two runners beat for the first time together: the other one wrote it, which says the same.
    if (!(await findLock(payload, runnerBeatKey))) throw error;
  }
  return true;
}

/** When a job runner last showed a sign of life, or null if none ever has. */
export async function lastRunnerBeat(payload: Payload): Promise<Date | null> {
  const beat = await findLock(payload, runnerBeatKey);
  return beat ? new Date(beat.expiresAt) : null;
}

/**
 * The same Payload, whose `logger` adds `buildId` to every line (pino child logger): the lines a
 * build's code writes with `payload.logger` carry it as a field, for log collectors to filter on.
 * Payload's own methods are bound to the original instance, so they work unchanged.
 */
export function withBuildLogger(payload: Payload, buildId: string): Payload {
  return Object.create(payload, { logger: { value: payload.logger.child({ buildId }), enumerable: true } }) as Payload;
}

/**
 * Runs one publication under the `publish` lock, its log lines carrying its build id. While it
 * waits for another runner's build, its record shows this runner, so that if this process dies
 * meanwhile the build is handed back to the queue (`releaseDeadBuilds`) instead of waiting forever.
 */
export function publishExclusively<T>(
  payload: Payload,
  buildId: string,
  run: (payload: Payload, buildId: string) => Promise<T>,
): Promise<T> {
  const logged = withBuildLogger(payload, buildId);
  return withRunnerLock(logged, publishLockKey, () => run(logged, buildId), {
    // Two columns, on condition: never a build another runner just finished put back to « queued ».
    whileWaiting: () =>
      updateBuildWhile(payload, {
        id: buildId,
        status: 'queued',
        data: { runner: lockHolder(), heartbeatAt: new Date().toISOString() },
      }),
  });
}

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

import type { Payload, PayloadRequest } from 'payload';

import type { Build } from '../payload-types';
import { processIsAlive } from '@passerelle/content-schemas/exclusiveLock';

import { keepRequestLocale } from '../utilities/keepRequestLocale';
import { githubReportTimeoutMs, publishMode, staleAfterMs } from './publishSettings';
import { updateBuildWhile } from './updateBuildWhile';

export const publishQueue = 'publish';
export const rebuildTaskSlug = 'rebuildSite';

export type RebuildRequest = {
  /** What changed, in French, as editors read it in the list of publications. */
  trigger: string;
  user?: { id: string; name?: string | null; email?: string | null } | null;
  /** Who, when there is no user (a script, the CMS itself). */
  byName?: string;
  /** The request of the change, so the build record is written in the same transaction. */
  req?: PayloadRequest;
};

export type RebuildTicket = { buildId: string; coalesced: boolean };

let queueTail: Promise<unknown> = Promise.resolve();

/** One request at a time per process, so two saves at the same instant do not both open a build. */
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = queueTail.then(task, task);
  queueTail = run.catch(() => undefined);
  return run;
}

/**
 * Asks for the site to be rebuilt. Coalesces: when a build is already waiting, this change
 * joins it (that build will read the content when it starts, so it includes this change);
 * otherwise a new build record is opened and a `rebuildSite` job queued. Together with one
 * runner per queue this gives at most one build running and one waiting.
 */
export function requestRebuild(payload: Payload, request: RebuildRequest): Promise<RebuildTicket> {
  return oneAtATime(async () => {
    const { req } = request;
    const nested = <T>(call: () => Promise<T>): Promise<T> => (req ? keepRequestLocale(req, call) : call());
    await releaseDeadBuilds(payload, { retry: false });
    const now = new Date().toISOString();
    const by = request.byName ?? request.user?.name ?? request.user?.email ?? 'Passerelle';
    const entry = { trigger: request.trigger, by, at: now };

    const { docs: waiting } = await nested(() =>
      payload.find({ collection: 'builds', where: { status: { equals: 'queued' } }, sort: 'createdAt', limit: 1, depth: 0, req }),
    );
    const open = waiting[0];
    if (open && (await joinWhileQueued(payload, open, entry, req))) return { buildId: open.id, coalesced: true };

    const build = await nested(() =>
      payload.create({
        collection: 'builds',
        data: {
          status: 'queued',
          trigger: request.trigger,
          requestedBy: request.user?.id,
          requestedByName: by,
          requestCount: 1,
          requests: [entry],
          queuedAt: now,
          mode: publishMode(),
        },
        depth: 0,
        req,
      }),
    );
    const job = await nested(() =>
      payload.jobs.queue({ task: rebuildTaskSlug, queue: publishQueue, input: { buildId: build.id }, req }),
    );
    await nested(() => payload.update({ collection: 'builds', id: build.id, data: { job: String(job.id) }, depth: 0, req }));
    return { buildId: build.id, coalesced: false };
  });
}

/**
 * Adds a request to a build only while it is still waiting (`updateBuildWhile`: the runner may
 * have started it since it was found, and a whole-record write would put it back to « queued »,
 * joined by the next change although it had read the content already). The list of requests, an
 * array Payload keeps in rows of its own, follows. False: the build has started, open another.
 */
async function joinWhileQueued(
  payload: Payload,
  open: Build,
  entry: { trigger: string; by: string; at: string },
  req?: PayloadRequest,
): Promise<boolean> {
  const joined = await updateBuildWhile(payload, {
    id: open.id,
    status: 'queued',
    data: { requestCount: (open.requestCount ?? 1) + 1 },
    req,
  });
  if (!joined) return false;
  // Below Payload's operations, an array row gets the id Payload's would give it.
  const requests = [...(open.requests ?? []), { ...entry, id: randomBytes(12).toString('hex') }].slice(-20);
  await payload.db.updateOne({ collection: 'builds', id: open.id, data: { requests }, req, returning: false });
  return true;
}

/**
 * A build held by a runner that is gone: a process of this machine that no longer exists, or
 * a runner elsewhere that stopped beating. GitHub builds are dead when GitHub never reported.
 */
export function isDead(build: Pick<Build, 'runner' | 'heartbeatAt' | 'startedAt' | 'status'>, now = Date.now()): boolean {
  if (!build.runner) return false;
  if (build.runner === 'github') {
    return build.status === 'running' && now - Date.parse(build.startedAt ?? '') > githubReportTimeoutMs;
  }
  const [host, pid] = build.runner.split(':');
  if (host === hostname() && !processIsAlive(Number(pid))) return true;
  return !build.heartbeatAt || now - Date.parse(build.heartbeatAt) > staleAfterMs;
}

export const interruptedReason =
  'La publication a été interrompue (arrêt du CMS ou du serveur pendant la construction). Le site en ligne n’a pas changé ; une nouvelle publication a été demandée.';

/**
 * After a crash or a restart: a build that was running is marked failed (the live site did not
 * change) and, with `retry`, a new build is requested so its changes still go live; a build a
 * dead runner had picked up but not started goes back to the queue as it was.
 */
export async function releaseDeadBuilds(payload: Payload, { retry }: { retry: boolean }): Promise<void> {
  const { docs } = await payload.find({
    collection: 'builds',
    where: { and: [{ status: { in: ['queued', 'running'] } }, { runner: { exists: true } }] },
    pagination: false,
    depth: 0,
  });
  for (const build of docs.filter((candidate) => isDead(candidate))) {
    const now = new Date().toISOString();
    if (build.status === 'queued') {
      await payload.update({ collection: 'builds', id: build.id, data: { runner: null, heartbeatAt: null }, depth: 0 });
      if (build.job) await releaseJob(payload, build.job, { failed: false });
      payload.logger.warn({
        buildId: build.id,
        msg: `publish: build ${build.id} was picked up by a runner that is gone; it is queued again`,
      });
      continue;
    }
    const github = build.runner === 'github';
    await payload.update({
      collection: 'builds',
      id: build.id,
      data: {
        status: 'failed',
        finishedAt: now,
        phase: null,
        reason: github
          ? 'GitHub Actions n’a pas rendu compte de cette publication : vérifiez l’onglet Actions du dépôt.'
          : interruptedReason,
      },
      depth: 0,
    });
    if (build.job && !github) await releaseJob(payload, build.job, { failed: true });
    payload.logger.warn({ buildId: build.id, msg: `publish: build ${build.id} was interrupted; marked failed` });
    if (retry && !github) {
      // Only from outside `requestRebuild` (`retry` is false there), so the lock is free.
      await requestRebuild(payload, {
        trigger: `Reprise après interruption : ${build.trigger ?? 'publication'}`,
        byName: build.requestedByName ?? undefined,
      });
    }
  }
}

/** Frees the queue entry of a dead runner: back to the queue, or closed as failed. */
async function releaseJob(payload: Payload, jobId: string, { failed }: { failed: boolean }): Promise<void> {
  try {
    await payload.update({
      collection: 'payload-jobs',
      id: jobId,
      data: failed ? { processing: false, hasError: true, error: { message: 'interrupted' } } : { processing: false },
      depth: 0,
    });
  } catch (error) {
    payload.logger.warn(`publish: could not release job ${jobId}: ${(error as Error).message}`);
  }
}

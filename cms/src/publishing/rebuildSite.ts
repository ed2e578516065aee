import type { Payload, TaskConfig } from 'payload';

import type { Build } from '../payload-types';
import { dispatchToGitHub } from './dispatchToGitHub';
import { heartbeatMs, numberFromEnv, publishMode } from './publishSettings';
import { isDead, publishQueue, rebuildTaskSlug, releaseDeadBuilds } from './requestRebuild';
import { runPipeline, type PipelineResult } from './runPipeline';
import { lockHolder, publishExclusively } from './runnerLock';
import { updateBuildWhile } from './updateBuildWhile';

type RebuildOutcome = 'succeeded' | 'failed' | 'refused' | 'dispatched' | 'skipped';

/**
 * The `rebuildSite` task of Payload's Jobs Queue (queue `publish`). Runs in the CMS process
 * (`jobs.autoRun`) or in `payload jobs:run --queue publish`. A failed build is recorded on its
 * build record, not retried: the next publication builds again from the latest content.
 */
export const rebuildSiteTask: TaskConfig<{ input: { buildId: string }; output: { outcome: string } }> = {
  slug: rebuildTaskSlug,
  label: 'Publier le site statique',
  inputSchema: [{ name: 'buildId', type: 'text', required: true }],
  outputSchema: [{ name: 'outcome', type: 'text' }],
  retries: 0,
  // One build at a time across every runner and machine (a lock in the database), build id on every log line.
  handler: async ({ input, req }) => ({ output: { outcome: await publishExclusively(req.payload, input.buildId, runBuild) } }),
};

/** The runner configuration for `jobs.autoRun`: every second, one build at a time. */
export const publishAutoRun = {
  cron: '* * * * * *',
  queue: publishQueue,
  limit: 1,
  disableScheduling: true,
  silent: { info: true },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function update(payload: Payload, id: string, data: Partial<Build>): Promise<void> {
  await payload.update({ collection: 'builds', id, data, depth: 0 });
}

export async function runBuild(payload: Payload, buildId: string): Promise<RebuildOutcome> {
  await releaseDeadBuilds(payload, { retry: true });
  const build = await payload.findByID({ collection: 'builds', id: buildId, depth: 0, disableErrors: true });
  // Deleted by an admin, or merged into another build: nothing to do.
  if (!build || build.status !== 'queued') return 'skipped';
  const runner = lockHolder();

  // Another runner (another CMS process, `payload jobs:run`) is building: wait our turn, still
  // "queued", so the changes arriving meanwhile keep joining this build.
  for (let waited = 0; ; waited += 2_000) {
    const { docs: running } = await payload.find({
      collection: 'builds',
      where: { and: [{ status: { equals: 'running' } }, { id: { not_equals: buildId } }] },
      pagination: false,
      depth: 0,
    });
    if (!running.some((other) => other.runner !== 'github' && !isDead(other))) break;
    await update(payload, buildId, { runner, heartbeatAt: new Date().toISOString() });
    if (waited > 30 * 60_000) {
      await update(payload, buildId, {
        status: 'failed',
        reason: 'Une autre publication bloque la file depuis plus de 30 minutes.',
      });
      return 'failed';
    }
    await sleep(2_000);
  }

  // Saves made together (a burst, a transaction still committing) join this build while it is
  // still "queued"; only then does it start and read the content.
  await update(payload, buildId, { runner, heartbeatAt: new Date().toISOString() });
  await sleep(numberFromEnv(process.env.PUBLISH_SETTLE_MS, 500));
  const current = (await payload.findByID({ collection: 'builds', id: buildId, depth: 0, disableErrors: true })) ?? build;
  const absorbed = await absorbOtherQueuedBuilds(payload, current);
  const startedAt = new Date();
  await update(payload, buildId, {
    status: 'running',
    startedAt: startedAt.toISOString(),
    runner,
    heartbeatAt: startedAt.toISOString(),
    phase: 'préparation',
    ...absorbed,
  });
  payload.logger.info(`publish: build ${buildId} started (${current.trigger ?? ''}, ${current.requestCount ?? 1} change(s))`);

  try {
    if (publishMode() === 'github') {
      await dispatchToGitHub({ ...current, ...absorbed });
      await update(payload, buildId, { runner: 'github', phase: 'construite par GitHub Actions', heartbeatAt: null });
      payload.logger.info(`publish: build ${buildId} handed to GitHub Actions`);
      return 'dispatched';
    }
    const result = await buildLocally(payload, buildId);
    const finishedAt = new Date();
    const pages = result.pages;
    await update(payload, buildId, {
      status: result.status,
      finishedAt: finishedAt.toISOString(),
      durationSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 100) / 10,
      phase: null,
      heartbeatAt: null,
      reason: result.status === 'succeeded' ? null : (result.reason ?? 'La publication a échoué sans donner de raison.'),
      logTail: result.logTail,
      ...(result.deployId ? { deployId: result.deployId } : {}),
      ...(result.kind ? { kind: result.kind, kindReason: result.why ?? null } : {}),
      ...(pages
        ? {
            pages: {
              total: pages.total,
              publishedFiches: result.publishedFiches,
              fichePages: Object.values(pages.fiches).reduce((sum, count) => sum + count, 0),
              languages: Object.values(pages.fiches).filter((count) => count > 0).length,
              redirects: result.redirects,
            },
          }
        : {}),
    });
    const seconds = ((finishedAt.getTime() - startedAt.getTime()) / 1000).toFixed(1);
    if (result.status === 'succeeded')
      payload.logger.info(`publish: build ${buildId} succeeded in ${seconds} s (deploy ${result.deployId})`);
    else {
      // The reason is one line; whoever reads the server log also needs the build's own last words.
      const lastLines = result.logTail.split('\n').slice(-25).join('\n');
      payload.logger.error(`publish: build ${buildId} ${result.status} after ${seconds} s: ${result.reason}\n${lastLines}`);
    }
    return result.status;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await update(payload, buildId, {
      status: 'failed',
      finishedAt: new Date().toISOString(),
      durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
      phase: null,
      heartbeatAt: null,
      reason: message,
    });
    payload.logger.error(`publish: build ${buildId} failed: ${message}`);
    return 'failed';
  }
}

/** Runs the pipeline, beating the heart of the build record and publishing progress on it. */
async function buildLocally(payload: Payload, buildId: string): Promise<PipelineResult> {
  let phase = 'préparation';
  let logTail = '';
  let dirty = false;
  const run = runPipeline({
    buildId,
    onPhase: (next) => {
      phase = next;
      dirty = true;
    },
    onLog: (tail) => {
      logTail = tail;
      dirty = true;
    },
  });
  const beat = setInterval(() => {
    const data: Partial<Build> = { heartbeatAt: new Date().toISOString(), ...(dirty ? { phase, logTail } : {}) };
    dirty = false;
    // Its columns only, while the build runs: never a beat still on its way put back « running » a build that ended.
    updateBuildWhile(payload, { id: buildId, status: 'running', data }).catch((error: Error) =>
      payload.logger.warn(`publish: heartbeat of build ${buildId} failed: ${error.message}`),
    );
  }, heartbeatMs);
  try {
    return await run.result;
  } finally {
    clearInterval(beat);
  }
}

/**
 * Two builds can be waiting when two CMS processes queued at the same instant: the one that
 * starts reads the latest content, so it takes over the others' changes and they are closed.
 */
async function absorbOtherQueuedBuilds(payload: Payload, build: Build): Promise<Partial<Build>> {
  const { docs } = await payload.find({
    collection: 'builds',
    where: { and: [{ status: { equals: 'queued' } }, { id: { not_equals: build.id } }] },
    pagination: false,
    depth: 0,
  });
  if (docs.length === 0) return {};
  for (const other of docs) {
    if (other.job) await payload.jobs.cancelByID({ id: other.job }).catch(() => undefined);
    await payload.delete({ collection: 'builds', id: other.id, depth: 0 });
  }
  const requests = [build, ...docs].flatMap((entry) => entry.requests ?? []).map(({ trigger, by, at }) => ({ trigger, by, at }));
  return {
    requestCount: [build, ...docs].reduce((sum, entry) => sum + (entry.requestCount ?? 1), 0),
    requests: requests.slice(-20),
  };
}

/**
 * « Remettre cette version en ligne »: an editor or admin puts the deploy of a successful
 * publication back online from its Builds record (`POST /api/builds/:id/rollback`). It runs the
 * same command as `npm run rollback -- <deploy id>` (scripts/src/rollback.ts: atomic switch of
 * `deploys/current`, after any publication running there) and is recorded like any publication:
 * a Builds record of kind « Remise en ligne », who asked, when, how it went.
 */
import { execFile, type ExecFileException } from 'node:child_process';
import path from 'node:path';

import type { Endpoint, Payload } from 'payload';

import { canRollbackSite } from '../access/canRollbackSite';
import { publishMode, repositoryRoot } from './publishSettings';
import { startedAgainIfUnsettled, type Ended } from './unsettledStart';

const json = (status: number, body: unknown) => Response.json(body, { status });

export const rollbackResultPrefix = 'ROLLBACK_RESULT ';

export type RollbackOutcome = { status: 'succeeded' | 'failed'; reason?: string; logTail: string };

type RollbackEnded = Ended & { error: ExecFileException | null; stdout: string; stderr: string };

/** One run of scripts/src/rollback.ts, the CMS's secrets withheld as for a build. */
function runRollbackOnce(deployId: string, env: NodeJS.ProcessEnv): Promise<RollbackEnded> {
  const { PAYLOAD_SECRET: _secret, DATABASE_URI: _database, PUBLISH_TOKEN: _token, GITHUB_TOKEN: _github, ...clean } = env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join('scripts', 'src', 'rollback.ts'), deployId],
      { cwd: repositoryRoot(env), env: { ...clean, FORCE_COLOR: '0' }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, ownOutput: stdout.trim() !== '', error, stdout, stderr });
      },
    );
  });
}

/**
 * Runs the rollback command, started again after Node 20's unsettled start (before it printed
 * anything, so before it touched a deploy: src/publishing/unsettledStart.ts); never rejects.
 */
export async function runRollback(deployId: string, env: NodeJS.ProcessEnv = process.env): Promise<RollbackOutcome> {
  const { error, stdout, stderr } = await startedAgainIfUnsettled(() => runRollbackOnce(deployId, env));
  const lines = `${stdout}\n${stderr}`.split('\n').filter((line) => line.trim());
  const logTail = lines
    .filter((line) => !line.startsWith(rollbackResultPrefix))
    .slice(-40)
    .join('\n');
  const last = lines.findLast((line) => line.startsWith(rollbackResultPrefix));
  let result: { status?: string; message?: string } = {};
  try {
    result = last ? (JSON.parse(last.slice(rollbackResultPrefix.length)) as typeof result) : {};
  } catch {
    result = {};
  }
  if (!error && result.status === 'succeeded') return { status: 'succeeded', logTail };
  const message = result.message ?? error?.message ?? 'aucune réponse';
  return {
    status: 'failed',
    reason: /no complete deploy/.test(message)
      ? 'Cette version n’est plus conservée sur le serveur (seules les dernières publications le sont).'
      : `La remise en ligne a échoué : ${message}`,
    logTail,
  };
}

/** Puts the deploy of publication `buildId` back online and records it; the outcome as the endpoint answers it. */
export async function rollbackToBuild(
  payload: Payload,
  buildId: string,
  user: { id: string | number; name?: string | null; email?: string | null },
  run: typeof runRollback = runRollback,
): Promise<{ status: number; body: Record<string, unknown> }> {
  if (publishMode() === 'github')
    return {
      status: 409,
      body: {
        error:
          'Le site est déployé par GitHub Actions : remettez une version en ligne depuis votre hébergeur, ou relancez le flux de publication sur la version voulue.',
      },
    };
  const target = await payload.findByID({ collection: 'builds', id: buildId, depth: 0, disableErrors: true });
  if (!target) return { status: 404, body: { error: `Publication ${buildId} inconnue.` } };
  if (target.status !== 'succeeded' || !target.deployId)
    return { status: 400, body: { error: 'Seule une publication réussie (« En ligne ») peut être remise en ligne.' } };
  const startedAt = new Date();
  const when = new Date(target.finishedAt ?? target.createdAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' });
  const record = await payload.create({
    collection: 'builds',
    depth: 0,
    data: {
      status: 'running',
      trigger: `Remise en ligne de la version ${target.deployId}`,
      requestedBy: user.id as never,
      requestedByName: user.name || user.email || null,
      requestCount: 1,
      queuedAt: startedAt.toISOString(),
      startedAt: startedAt.toISOString(),
      phase: 'remise en ligne',
      mode: 'local',
      kind: 'rollback',
      kindReason: `version de la publication du ${when} (« ${target.trigger ?? ''} »)`,
      deployId: target.deployId,
      pages: target.pages ?? undefined,
    },
  });
  const outcome = await run(target.deployId);
  const finishedAt = new Date();
  await payload.update({
    collection: 'builds',
    id: record.id,
    depth: 0,
    data: {
      status: outcome.status,
      phase: null,
      finishedAt: finishedAt.toISOString(),
      durationSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 100) / 10,
      reason: outcome.status === 'succeeded' ? null : (outcome.reason ?? null),
      logTail: outcome.logTail,
    },
  });
  payload.logger.info(`publish: rollback to ${target.deployId} by ${user.email ?? user.id}: ${outcome.status}`);
  return outcome.status === 'succeeded'
    ? { status: 200, body: { id: record.id, status: outcome.status, deployId: target.deployId } }
    : { status: 500, body: { id: record.id, status: outcome.status, error: outcome.reason } };
}

export const rollbackEndpoint: Endpoint = {
  path: '/:id/rollback',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return json(401, { error: 'Connectez-vous pour remettre une version en ligne.' });
    if (!canRollbackSite({ req })) return json(403, { error: 'Réservé aux éditeurs et administrateurs.' });
    const { status, body } = await rollbackToBuild(req.payload, String(req.routeParams?.id ?? ''), req.user as never);
    return json(status, body);
  },
};

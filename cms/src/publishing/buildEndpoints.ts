import type { Endpoint, PayloadRequest } from 'payload';

import { hasRole } from '../access/roles';
import { hasPublishToken } from './publishToken';
import { requestRebuild } from './requestRebuild';

const json = (status: number, body: unknown) => Response.json(body, { status });

async function bodyOf(req: PayloadRequest): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await req.json?.();
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const reportStatuses = ['succeeded', 'failed', 'refused'] as const;

/**
 * `POST /api/builds/request`: rebuild now (editors and admins, or a script with PUBLISH_TOKEN:
 * `npm start` for the first build). `POST /api/builds/:id/report`: the GitHub workflow tells
 * how its build went (PUBLISH_TOKEN).
 */
export const buildEndpoints: Endpoint[] = [
  {
    path: '/request',
    method: 'post',
    handler: async (req) => {
      const byToken = hasPublishToken(req);
      if (!byToken && !hasRole(req.user, 'admin', 'editor'))
        return json(403, { error: 'Réservé aux éditeurs et administrateurs.' });
      const body = await bodyOf(req);
      const trigger =
        typeof body.trigger === 'string' && body.trigger.trim() ? body.trigger.trim().slice(0, 200) : 'Demande de publication';
      const user = req.user
        ? { id: String(req.user.id), name: (req.user as { name?: string }).name, email: req.user.email }
        : null;
      const ticket = await requestRebuild(req.payload, {
        trigger,
        user,
        byName: byToken && !user ? 'script de publication' : undefined,
      });
      return json(202, { id: ticket.buildId, coalesced: ticket.coalesced });
    },
  },
  {
    path: '/:id/report',
    method: 'post',
    handler: async (req) => {
      if (!hasPublishToken(req)) return json(403, { error: 'PUBLISH_TOKEN manquant ou invalide.' });
      const id = String(req.routeParams?.id ?? '');
      const build = await req.payload.findByID({ collection: 'builds', id, depth: 0, disableErrors: true });
      if (!build) return json(404, { error: `Publication ${id} inconnue.` });
      const body = await bodyOf(req);
      const status = reportStatuses.find((candidate) => candidate === body.status);
      if (!status) return json(400, { error: `status doit valoir ${reportStatuses.join(', ')}.` });
      const finishedAt = new Date();
      const started = build.startedAt ? Date.parse(build.startedAt) : finishedAt.getTime();
      await req.payload.update({
        collection: 'builds',
        id,
        depth: 0,
        data: {
          status,
          finishedAt: finishedAt.toISOString(),
          durationSeconds: Math.round((finishedAt.getTime() - started) / 100) / 10,
          phase: null,
          reason:
            status === 'succeeded'
              ? null
              : typeof body.reason === 'string' && body.reason
                ? body.reason.slice(0, 2000)
                : 'GitHub Actions signale un échec.',
          ...(typeof body.logTail === 'string' ? { logTail: body.logTail.slice(-8000) } : {}),
          ...(typeof body.deployId === 'string' ? { deployId: body.deployId.slice(0, 200) } : {}),
          ...(body.kind === 'full' || body.kind === 'incremental'
            ? { kind: body.kind, kindReason: typeof body.why === 'string' ? body.why.slice(0, 500) : null }
            : {}),
        },
      });
      return json(200, { id, status });
    },
  },
];

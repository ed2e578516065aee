import type { Endpoint, Payload } from 'payload';

import { canRecordCheck } from '../access/canRecordCheck';
import type { UserWithRoles } from '../access/roles';
import { requestRebuild } from '../publishing/requestRebuild';
import { nextReviewOf, reviewDefaults } from './reviewDates';

export class CheckRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

type CheckedBy = NonNullable<UserWithRoles> & { id: string | number; name?: string | null; email?: string | null };

/**
 * « Vérifiée, rien n'a changé »: the published fiche gets a new check date, by `user`, and a new
 * next review date; nothing else. Written straight to the main document — the one the public
 * and the export read — and not through an update: Payload's update merges the latest version,
 * which may be a French draft in progress, into what it publishes. So no hook runs: no
 * translation is outdated, no change note is stamped or retired, no version is added (the next
 * publication keeps the newer check: stampReview reads the main document). Like any
 * publication, it asks for a rebuild.
 */
export async function recordCheck(payload: Payload, args: { ficheId: string; user: CheckedBy; now?: Date }) {
  const fiche = (await payload.db.findOne({ collection: 'fiches', where: { id: { equals: args.ficheId } } })) as Record<
    string,
    unknown
  > | null;
  if (!fiche) throw new CheckRefused('Fiche introuvable.', 404);
  if (!canRecordCheck(args.user, fiche)) throw new CheckRefused('Vous ne pouvez pas vérifier cette fiche.', 403);
  if (fiche._status !== 'published')
    throw new CheckRefused('Seule une fiche publiée peut être marquée vérifiée : publiez-la d’abord.', 409);

  const now = (args.now ?? new Date()).toISOString();
  const nextReviewAt = nextReviewOf({ ...fiche, lastCheckedAt: now }, await reviewDefaults(payload));
  await payload.db.updateOne({
    collection: 'fiches',
    id: args.ficheId,
    // updatedAt too: the page changes (its date), so sitemaps and incremental builds see it.
    data: { lastCheckedAt: now, lastCheckedBy: args.user.id, nextReviewAt, updatedAt: now },
  });
  const title = typeof fiche.title === 'string' ? fiche.title : (fiche.title as Record<string, string> | undefined)?.fr;
  try {
    await requestRebuild(payload, {
      trigger: `Fiche${title ? ` « ${title.slice(0, 80)} »` : ''} vérifiée`,
      user: { id: String(args.user.id), name: args.user.name, email: args.user.email },
    });
  } catch (error) {
    // As for a save: the check is recorded; the next change or « Publier maintenant » rebuilds.
    payload.logger.error(`review: could not request a rebuild after a check: ${(error as Error).message}`);
  }
  return { lastCheckedAt: now, nextReviewAt };
}

/** POST /api/fiches/:id/verifier — the admin's button. */
export const recordCheckEndpoint: Endpoint = {
  path: '/:id/verifier',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return Response.json({ errors: [{ message: 'Connectez-vous pour vérifier une fiche.' }] }, { status: 401 });
    const id = String(req.routeParams?.id ?? '');
    try {
      const result = await recordCheck(req.payload, { ficheId: id, user: req.user as CheckedBy });
      return Response.json(result);
    } catch (error) {
      if (error instanceof CheckRefused) return Response.json({ errors: [{ message: error.message }] }, { status: error.status });
      throw error;
    }
  },
};

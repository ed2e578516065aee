import type { CollectionAfterOperationHook, Payload, PayloadRequest } from 'payload';

import { keepRequestLocale } from '../../../utilities/keepRequestLocale';

/**
 * With autosave on, Payload's admin saves a draft the moment an editor clicks « Créer », before
 * anything is typed (@payloadcms/next 3.90.2, views/Document: `payload.create` then a redirect),
 * and offers no option to wait for a first edit short of validating every draft, which would
 * refuse the half-written drafts contributors save. So an abandoned click leaves a
 * « Pas de titre » fiche in the list.
 *
 * Such a fiche is deleted later, when it is certain nobody wrote in it:
 * - still a draft, with no French title;
 * - one version only: the admin's first autosave after any typing makes a second one, so
 *   whatever was typed (a summary, a theme…) keeps the fiche;
 * - created more than `olderThanMs` ago, and no document lock on it: a lock means its form is
 *   open, and Payload keeps it while the page stays open.
 */
export const abandonedAfterMs = 30 * 60 * 1000;

export async function abandonedFicheIds(
  payload: Payload,
  { olderThanMs = abandonedAfterMs, req }: { olderThanMs?: number; req?: PayloadRequest } = {},
): Promise<string[]> {
  const before = new Date(Date.now() - olderThanMs).toISOString();
  // Drafts by creation date: the (_status, createdAt) index of the collection.
  const { docs } = await payload.find({
    collection: 'fiches',
    where: { and: [{ _status: { equals: 'draft' } }, { createdAt: { less_than: before } }, { title: { exists: false } }] },
    locale: 'fr',
    fallbackLocale: false,
    depth: 0,
    limit: 100,
    pagination: false,
    select: { title: true },
    overrideAccess: true,
    ...(req ? { req } : {}),
  });
  const ids: string[] = [];
  for (const fiche of docs) {
    if (fiche.title) continue;
    const versions = await payload.countVersions({
      collection: 'fiches',
      where: { parent: { equals: fiche.id } },
      overrideAccess: true,
      ...(req ? { req } : {}),
    });
    if (versions.totalDocs !== 1) continue;
    const locks = await payload.count({
      collection: 'payload-locked-documents',
      where: { and: [{ 'document.relationTo': { equals: 'fiches' } }, { 'document.value': { equals: fiche.id } }] },
      overrideAccess: true,
      ...(req ? { req } : {}),
    });
    if (locks.totalDocs > 0) continue;
    ids.push(String(fiche.id));
  }
  return ids;
}

/** Deletes the abandoned fiches; returns their ids. They were never published: the site is not rebuilt. */
export async function sweepAbandonedFiches(
  payload: Payload,
  options: { olderThanMs?: number; req?: PayloadRequest } = {},
): Promise<string[]> {
  const ids = await abandonedFicheIds(payload, options);
  if (ids.length === 0) return ids;
  await payload.delete({
    collection: 'fiches',
    where: { id: { in: ids } },
    overrideAccess: true,
    context: { skipRebuild: true },
    ...(options.req ? { req: options.req } : {}),
  });
  return ids;
}

/**
 * Each new fiche sweeps the abandoned ones: the moment someone clicks « Créer » is when the
 * list would show them. In the creating request's transaction (SQLite has one writer); a failure
 * is logged and never stops the creation.
 */
export const sweepOnCreate: CollectionAfterOperationHook<'fiches'> = async ({ operation, req, result }) => {
  // Seeds and bulk imports (`skipRebuild`) create hundreds of fiches, none of them abandoned.
  if (operation !== 'create' || req.context.skipRebuild) return result;
  try {
    await keepRequestLocale(req, () => sweepAbandonedFiches(req.payload, { req }));
  } catch (error) {
    req.payload.logger.error({ err: error, msg: 'Nettoyage des fiches abandonnées impossible' });
  }
  return result;
};

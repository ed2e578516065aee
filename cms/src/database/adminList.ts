import type { Payload, SelectType, Where } from 'payload';

import type { User } from '../payload-types';

export type AdminListOptions = { page?: number; where?: Where };

/**
 * The list view's `select` (views/List/transformColumnsToSelect.js): the columns shown, by
 * default the collection's `admin.defaultColumns`, when `admin.enableListViewSelectAPI` is on;
 * undefined (whole documents) otherwise.
 */
function listSelect(payload: Payload, collection: 'fiches' | 'translations'): SelectType | undefined {
  const { admin } = payload.collections[collection].config;
  if (!admin.enableListViewSelectAPI) return undefined;
  return Object.fromEntries((admin.defaultColumns ?? []).map((column) => [column, true]));
}

/**
 * What the admin's list view asks of Payload (@payloadcms/next views/List), then its draft-status
 * query for fiches. One definition for the query-plan guards and the bench's timings, so the two
 * cannot drift apart from each other or from what editors wait for.
 */
export async function adminList(
  payload: Payload,
  collection: 'fiches' | 'translations',
  user: User,
  options: AdminListOptions = {},
) {
  const data = await payload.find({
    collection,
    depth: 0,
    draft: true,
    fallbackLocale: false,
    includeLockStatus: true,
    limit: 10,
    locale: 'fr',
    overrideAccess: false,
    page: options.page ?? 1,
    select: listSelect(payload, collection),
    sort: '-updatedAt',
    user,
    where: options.where ?? {},
  });
  const drafts = data.docs.filter((doc) => (doc as { _status?: string })._status === 'draft').map((doc) => doc.id);
  if (collection === 'fiches' && drafts.length > 0) {
    await payload.findVersions({
      collection,
      depth: 0,
      pagination: false,
      select: { parent: true },
      where: { and: [{ parent: { in: drafts } }, { 'version._status': { equals: 'published' } }] },
    });
  }
  return data;
}

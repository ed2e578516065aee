import type { PayloadRequest } from 'payload';

import { keepRequestLocale } from '../utilities/keepRequestLocale';

/** What differs between a draft version and the published document without being an edit. */
const bookkeepingKeys = new Set(['_status', 'updatedAt', 'createdAt', 'translationStatus', 'minorChange', 'id']);

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((key) => !bookkeepingKeys.has(key))
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stable((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Whether a live fiche has a real draft in progress: its latest version is a draft whose
 * content differs from the published document. A trailing draft identical to what is live
 * (left by an older workflow) is no pending edit.
 */
export async function hasPendingDraft(ficheId: string, req: PayloadRequest): Promise<boolean> {
  return keepRequestLocale(req, async () => {
    const latestVersion = (select?: { version: { _status: true } }) =>
      req.payload.findVersions({
        collection: 'fiches',
        where: { and: [{ parent: { equals: ficheId } }, { latest: { equals: true } }] },
        limit: 1,
        depth: 0,
        locale: 'all',
        overrideAccess: true,
        ...(select ? { select } : {}),
        req,
      });
    // Its status first: most fiches have no draft on top, and the whole version is every
    // language of every field.
    const { docs: statuses } = await latestVersion({ version: { _status: true } });
    if (statuses[0]?.version?._status !== 'draft') return false;
    const { docs } = await latestVersion();
    const latest = docs[0]?.version as Record<string, unknown> | undefined;
    if (!latest || latest._status !== 'draft') return false;
    const published = await req.payload.findByID({
      collection: 'fiches',
      id: ficheId,
      depth: 0,
      locale: 'all',
      overrideAccess: true,
      req,
    });
    return stable(latest) !== stable(published);
  });
}

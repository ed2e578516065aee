import type { Payload, PayloadRequest, Where } from 'payload';
import { ValidationError } from 'payload';

import { hasRole, structureOf } from './roles';

/**
 * A contributor (a partner structure) works on drafts only: a published fiche is what the public
 * reads, and taking it offline or changing it is an editor's decision. A draft save of a
 * published fiche writes a new version and leaves the live document as it is, so it stays open;
 * a write of the live document itself (no `draft`) is refused as soon as that document is
 * published. Called by the Fiches `beforeOperation` hook, the only place that sees `draft`.
 */
export function isContributorOnly(user: PayloadRequest['user']): boolean {
  return hasRole(user, 'contributor') && !hasRole(user, 'admin', 'editor');
}

export const liveFicheMessage =
  'Cette fiche est en ligne : seul un éditeur peut la modifier directement ou la retirer du site. Enregistrez vos changements comme brouillon et cochez « Soumettre pour relecture ».';

export const restoreAsDraftMessage =
  'Une structure partenaire restaure une version comme brouillon seulement (« Restaurer comme brouillon ») : un éditeur la relira et la publiera.';

/** Live fiches of the contributor's own structure among `where`; others are the access rule's to refuse (403). */
async function countLive(payload: Payload, req: PayloadRequest, where: Where): Promise<number> {
  const { totalDocs } = await payload.count({
    collection: 'fiches',
    where: { and: [where, { _status: { equals: 'published' } }, { mainStructure: { equals: structureOf(req.user) ?? null } }] },
    overrideAccess: true,
    req,
  });
  return totalDocs;
}

const refuse = (req: PayloadRequest, message: string, id?: string | number): never => {
  throw new ValidationError({ collection: 'fiches', id, errors: [{ path: '_status', message }], req });
};

/** Refuses a contributor's write that would change or unpublish a live fiche. */
export async function assertContributorWritesDraftOnly(
  req: PayloadRequest,
  target: { id?: string | number; where?: Where; draft?: boolean },
): Promise<void> {
  if (!isContributorOnly(req.user) || target.draft) return;
  // Another language is refused anyway, with its own message, by enforceEditorialRights.
  if (req.locale && req.locale !== 'fr') return;
  const where: Where = target.id !== undefined ? { id: { equals: target.id } } : (target.where ?? {});
  if ((await countLive(req.payload, req, where)) > 0) refuse(req, liveFicheMessage, target.id);
}

/**
 * A contributor restores a version as a draft; a direct restore is allowed only while neither the
 * fiche nor the restored version is published (it would otherwise publish or unpublish it).
 */
export async function assertContributorRestoresDraftOnly(
  req: PayloadRequest,
  target: { versionId: string | number; draft?: boolean },
): Promise<void> {
  if (!isContributorOnly(req.user) || target.draft) return;
  const { docs } = await req.payload.db.findVersions({
    collection: 'fiches',
    where: { id: { equals: target.versionId } },
    limit: 1,
    pagination: false,
    req,
  });
  const version = docs[0];
  // An unknown version is Payload's to report (404).
  if (!version) return;
  const versionStatus = (version.version as { _status?: string } | undefined)?._status;
  const ownStructure = (version.version as { mainStructure?: unknown } | undefined)?.mainStructure === structureOf(req.user);
  if (
    ownStructure &&
    (versionStatus === 'published' || (await countLive(req.payload, req, { id: { equals: version.parent } })) > 0)
  ) {
    refuse(req, restoreAsDraftMessage, version.parent as string);
  }
}

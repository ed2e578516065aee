import type { Access, PayloadRequest, Where } from 'payload';

import { hasRole } from './roles';

type LockData = { document?: { relationTo?: string; value?: unknown } | null; globalSlug?: string | null } | undefined;

/** Whether the user may update that document: the collection's own update rule decides. */
async function mayUpdate(req: PayloadRequest, relationTo: string, value: unknown): Promise<boolean> {
  const collection = req.payload.collections[relationTo as keyof typeof req.payload.collections];
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : value;
  if (!collection || (typeof id !== 'string' && typeof id !== 'number')) return false;
  const rule = collection.config.access.update;
  const result = rule ? await rule({ req, id: String(id), data: undefined }) : Boolean(req.user);
  if (result === true) return true;
  if (!result) return false;
  const { totalDocs } = await req.payload.count({
    collection: collection.config.slug,
    where: { and: [{ id: { equals: id } }, result as Where] },
    overrideAccess: true,
    req,
  });
  return totalDocs > 0;
}

/**
 * `payload-locked-documents`: a lock says "someone is editing this", and it makes everyone else's
 * save fail (423). Only who may edit the document may lock it; a lock is changed or removed by
 * its owner (an admin may clear any). Without this, a translator could lock every fiche.
 */
export const canCreateLock: Access = async ({ req, data }) => {
  if (!req.user) return false;
  if (hasRole(req.user, 'admin')) return true;
  const lock = data as LockData;
  // Our config has no globals; a global lock is an admin's matter.
  if (!lock?.document?.relationTo) return false;
  return mayUpdate(req, lock.document.relationTo, lock.document.value);
};

export const ownLockOrAdmin: Access = async ({ req, data }) => {
  const { user } = req;
  if (!user) return false;
  if (hasRole(user, 'admin')) return true;
  // Moving one's own lock onto another document is creating a lock there.
  const lock = data as LockData;
  if (lock?.document?.relationTo && !(await mayUpdate(req, lock.document.relationTo, lock.document.value))) return false;
  return { 'user.value': { equals: user.id } };
};

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
 * save fail (423). Only who may edit the document may lock it. Without this, a translator could
 * lock every fiche.
 */
export const canCreateLock: Access = async ({ req, data }) => {
  if (!req.user) return false;
  if (hasRole(req.user, 'admin')) return true;
  const lock = data as LockData;
  // Our config has no globals; a global lock is an admin's matter.
  if (!lock?.document?.relationTo) return false;
  return mayUpdate(req, lock.document.relationTo, lock.document.value);
};

const idOf = (value: unknown): unknown =>
  typeof value === 'object' && value !== null ? (value as { value?: unknown }).value : value;

/**
 * Changing or removing a lock: its owner, or whoever may edit the locked document — Payload's
 * "take over" in the admin is a PATCH that puts the new editor on the lock. A lock is only ever
 * given to oneself, and never moved onto a document one may not edit.
 */
export const canChangeLock: Access = async ({ req, id, data }) => {
  const { user } = req;
  if (!user) return false;
  if (hasRole(user, 'admin')) return true;
  const change = data as (LockData & { user?: unknown }) | undefined;
  if (change?.user !== undefined) {
    const newOwner = idOf(change.user);
    if (
      String(typeof newOwner === 'object' && newOwner !== null ? (newOwner as { id?: unknown }).id : newOwner) !== String(user.id)
    )
      return false;
  }
  if (change?.document?.relationTo && !(await mayUpdate(req, change.document.relationTo, change.document.value))) return false;
  if (id === undefined) return { 'user.value': { equals: user.id } };
  const lock = await req.payload
    .findByID({ collection: 'payload-locked-documents', id, depth: 0, overrideAccess: true, req })
    .catch(() => null);
  if (!lock) return false;
  if (String(idOf(lock.user)) === String(user.id)) return true;
  const document = lock.document as { relationTo?: string; value?: unknown } | null | undefined;
  return Boolean(document?.relationTo) && mayUpdate(req, document!.relationTo!, document!.value);
};

/**
 * The admin's form-state server function writes locks straight to the database, past the access
 * rules above, for any signed-in user who sends a document id. Before a fiche is saved, a lock
 * held by someone who may not edit it is released, so it can never block its editors (423).
 */
export async function releaseLocksOfNonEditors(req: PayloadRequest, collection: string, id: string | number): Promise<void> {
  if (!req.user || !req.payload.collections['payload-locked-documents']) return;
  const { docs } = await req.payload.db.find({
    collection: 'payload-locked-documents',
    where: { and: [{ 'document.relationTo': { equals: collection } }, { 'document.value': { equals: id } }] },
    limit: 10,
    pagination: false,
    req,
  });
  for (const lock of docs as { id: string | number; user?: unknown }[]) {
    const ownerId = idOf(lock.user);
    if (String(ownerId) === String(req.user.id)) continue;
    const owner = await req.payload
      .findByID({ collection: 'users', id: String(ownerId), depth: 0, overrideAccess: true, req })
      .catch(() => null);
    const ownerReq = { ...req, user: owner ? { ...owner, collection: 'users' } : null } as PayloadRequest;
    if (owner && (hasRole(owner, 'admin') || (await mayUpdate(ownerReq, collection, id)))) continue;
    await req.payload.db.deleteOne({ collection: 'payload-locked-documents', where: { id: { equals: lock.id } }, req });
  }
}

import type { Document, Payload, PayloadRequest } from 'payload';

import type { Build } from '../payload-types';

/**
 * Writes these columns of a build record, and only these, while the build still has `status`: one
 * conditional `UPDATE … WHERE id = … AND status = …` (MongoDB: findOneAndUpdate). Payload's
 * `update` writes the whole record back as it read it, so a write crossing the runner's would
 * undo its status: a finished build back to « queued » (built twice) or « running », a started
 * one back to « queued » (a change joining it then never published). The columns must live on the
 * record's own row (no arrays). Null when the build no longer has that status (or is gone).
 */
export function updateBuildWhile(
  payload: Payload,
  { id, status, data, req }: { id: string; status: Build['status']; data: Partial<Build>; req?: PayloadRequest },
): Promise<Document | null> {
  return payload.db.updateOne({
    collection: 'builds',
    where: { and: [{ id: { equals: id } }, { status: { equals: status } }] },
    data,
    req,
    ...(payload.db.name === 'mongoose' ? {} : { options: { atomic: true } }),
  });
}

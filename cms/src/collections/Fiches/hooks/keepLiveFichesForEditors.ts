import type { CollectionBeforeOperationHook, Where } from 'payload';

import { releaseLocksOfNonEditors } from '../../../access/canLockDocument';
import { assertContributorRestoresDraftOnly, assertContributorWritesDraftOnly } from '../../../access/contributorKeepsLiveFiches';

/**
 * Runs before Payload's update and restore operations because only they know whether the write is
 * a draft (a new version) or a write of the live document. A contributor's draft restore is
 * flagged in the context so `enforceEditorialRights` lets the restored `published` status through:
 * Payload turns it into `draft` itself.
 */
export const keepLiveFichesForEditors: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  const { draft, id, where } = args as { draft?: boolean; id?: string | number; where?: Where };
  if (operation === 'update') await assertContributorWritesDraftOnly(req, { id, where, draft });
  // Before Payload checks the lock: a lock no editor of this fiche holds must not block it.
  if (operation === 'update' && id !== undefined) await releaseLocksOfNonEditors(req, 'fiches', id);
  if (operation === 'restoreVersion' && id !== undefined) {
    await assertContributorRestoresDraftOnly(req, { versionId: id, draft });
    if (draft) req.context.restoringAsDraft = true;
  }
  return args;
};

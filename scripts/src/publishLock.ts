/**
 * One publication at a time per deploy folder, whoever starts it (the CMS's job runner, a
 * second CMS process, `npm run publish:site` by hand): the exclusive lock file
 * `deploys/.publish.lock` (@passerelle/content-schemas/exclusiveLock: taken in one step, stale
 * once its owner is gone), which names the deploy being built.
 */
import path from 'node:path';

import {
  acquireLock,
  LockHeldError,
  liveLockOwner as liveOwnerOf,
  readLockOwner as ownerOf,
  type ExclusiveLock,
  type LockOptions,
  type LockOwner,
} from '@passerelle/content-schemas/exclusiveLock';

export { processIsAlive, type LockOptions, type LockOwner } from '@passerelle/content-schemas/exclusiveLock';

export const lockFileName = '.publish.lock';

export type PublishLock = ExclusiveLock;

export class PublishLockedError extends Error {
  override name = 'PublishLockedError';
  constructor(readonly owner: LockOwner | undefined) {
    super(
      owner
        ? `another publication is running in this deploy folder (deploy ${owner.id}, pid ${owner.pid} on ${owner.host}, since ${owner.startedAt})`
        : 'another publication is running in this deploy folder',
    );
  }
}

export function lockPath(deploysDir: string): string {
  return path.join(deploysDir, lockFileName);
}

export function readLockOwner(deploysDir: string): Promise<LockOwner | undefined> {
  return ownerOf(lockPath(deploysDir));
}

/** The publication running in this deploy folder, when there is one; undefined when there is no lock or a stale one. */
export function liveLockOwner(deploysDir: string, staleAfterMs?: number): Promise<LockOwner | undefined> {
  return liveOwnerOf(lockPath(deploysDir), staleAfterMs);
}

/** The lock, `id` being the deploy to build; a live owner past the wait allowed is a PublishLockedError. */
export async function acquirePublishLock(deploysDir: string, options: LockOptions): Promise<PublishLock> {
  try {
    return await acquireLock(lockPath(deploysDir), options);
  } catch (error) {
    if (error instanceof LockHeldError) throw new PublishLockedError(error.owner);
    throw error;
  }
}

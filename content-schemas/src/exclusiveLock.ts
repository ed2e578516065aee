/**
 * A lock file for work that must never run twice at once on one folder (a publication per deploy
 * folder, scripts/src/publishLock.ts; an Astro build per site folder,
 * site/src/integrations/oneBuildAtATime.ts): created with O_EXCL, so the file system decides who
 * gets it, in one step, where "is it running?" followed by "start mine" lets two through.
 *
 * The file names its owner (host, pid, what it is for). The owner touches it every 30 s, so a
 * lock is stale when its process is gone (same host) or when it has not been touched for 5
 * minutes (another host sharing the folder, a frozen process). A stale lock is removed under a
 * second, short-lived guard file, so that two runs finding the same stale lock cannot remove a
 * fresh one taken meanwhile.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { open, readFile, stat, unlink, utimes } from 'node:fs/promises';

/** Who holds a lock; `id` says what for (a deploy id, a build). */
export type LockOwner = { id: string; pid: number; host: string; startedAt: string; token: string };

export type ExclusiveLock = { owner: LockOwner; release: () => Promise<void> };

/** The lock is held by a live owner, and the wait allowed is over (or there was none). */
export class LockHeldError extends Error {
  override name = 'LockHeldError';
  constructor(
    readonly file: string,
    readonly owner: LockOwner | undefined,
  ) {
    super(
      owner ? `${file} is held by ${owner.id} (pid ${owner.pid} on ${owner.host}, since ${owner.startedAt})` : `${file} is held`,
    );
  }
}

export type LockOptions = {
  /** What takes the lock (a deploy id, a build), written in it for whoever finds it held. */
  id: string;
  /** How long to wait for the owner to release it; 0 fails at once. */
  waitMs?: number;
  /** Without a touch for this long, a lock is stale whatever its pid. */
  staleAfterMs?: number;
  /** How often the owner touches its lock. */
  heartbeatMs?: number;
  pollMs?: number;
  /** Stops waiting (Ctrl-C, the CMS stopping the job). */
  signal?: AbortSignal;
  /** Called once when the lock is held by someone else and we start waiting. */
  onWait?: (owner: LockOwner | undefined) => void;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function readLockOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid !== 'number' || typeof owner.token !== 'string' || typeof owner.id !== 'string') return undefined;
    return owner as LockOwner;
  } catch {
    return undefined;
  }
}

/** Whether a process of this host still runs (EPERM: it runs, as another user). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock's owner, when it is alive; undefined when there is no lock or a stale one. */
export async function liveLockOwner(file: string, staleAfterMs = 5 * 60_000): Promise<LockOwner | undefined> {
  const owner = await readLockOwner(file);
  const info = await stat(file).catch(() => undefined);
  if (!owner || !info) return undefined;
  return isStale(owner, info.mtimeMs, staleAfterMs) ? undefined : owner;
}

function isStale(owner: LockOwner | undefined, mtimeMs: number, staleAfterMs: number): boolean {
  const age = Date.now() - mtimeMs;
  // Being written this very moment (created, not yet filled): not stale unless it stays so.
  if (!owner) return age > 10_000;
  if (owner.host === hostname() && !processIsAlive(owner.pid)) return true;
  return age > staleAfterMs;
}

export async function acquireLock(
  file: string,
  { id, waitMs = 0, staleAfterMs = 5 * 60_000, heartbeatMs = 30_000, pollMs = 500, signal, onWait }: LockOptions,
): Promise<ExclusiveLock> {
  const owner: LockOwner = {
    id,
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const started = Date.now();
  let waiting = false;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(`${JSON.stringify(owner)}\n`);
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readLockOwner(file);
    const info = await stat(file).catch(() => undefined);
    if (!info) continue; // released between our attempt and our look: try again at once
    if (isStale(holder, info.mtimeMs, staleAfterMs)) {
      await removeStaleLock(file, holder, info.mtimeMs);
      continue;
    }
    if (Date.now() - started >= waitMs || signal?.aborted) throw new LockHeldError(file, holder);
    if (!waiting) onWait?.(holder);
    waiting = true;
    await sleep(pollMs);
  }

  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(file, now, now).catch(() => {});
  }, heartbeatMs);
  heartbeat.unref();
  return {
    owner,
    release: async () => {
      clearInterval(heartbeat);
      // Only our own lock: if it was taken from us as stale, the new owner's stays.
      if ((await readLockOwner(file))?.token === owner.token) await unlink(file).catch(() => {});
    },
  };
}

/** Removes the lock seen stale, if it is still that same lock, under an exclusive guard. */
async function removeStaleLock(file: string, seen: LockOwner | undefined, seenMtimeMs: number): Promise<void> {
  const guard = `${file}.break`;
  try {
    await (await open(guard, 'wx')).close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Someone else is removing it; a guard left by a crash is itself stale after 30 s.
    const info = await stat(guard).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > 30_000) await unlink(guard).catch(() => {});
    await sleep(50);
    return;
  }
  try {
    const now = await readLockOwner(file);
    const info = await stat(file).catch(() => undefined);
    const same = seen ? now?.token === seen.token : !now && info?.mtimeMs === seenMtimeMs;
    if (info && same) await unlink(file).catch(() => {});
  } finally {
    await unlink(guard).catch(() => {});
  }
}

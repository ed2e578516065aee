/**
 * The publish lock: one publication at a time per deploy folder, taken in one step by the file
 * system, freed when its owner is gone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { acquirePublishLock, liveLockOwner, lockPath, PublishLockedError, readLockOwner } from '../src/publishLock';

const temporary: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'passerelle-lock-'));
  temporary.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function writeLock(dir: string, owner: { id: string; pid: number; host: string }, ageMs = 0): void {
  writeFileSync(lockPath(dir), JSON.stringify({ ...owner, startedAt: new Date().toISOString(), token: 'other' }));
  const when = new Date(Date.now() - ageMs);
  utimesSync(lockPath(dir), when, when);
}

describe('the publish lock', () => {
  it('is given to exactly one of many runs asking at the same moment', async () => {
    const dir = tempDir();
    const attempts = await Promise.allSettled(
      Array.from({ length: 12 }, (_, index) => acquirePublishLock(dir, { id: `run-${index}` })),
    );
    const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const attempt of attempts.filter((entry) => entry.status === 'rejected'))
      expect((attempt as PromiseRejectedResult).reason).toBeInstanceOf(PublishLockedError);
    await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquirePublishLock>>>).value.release();
    expect(existsSync(lockPath(dir))).toBe(false);
  });

  it('names its owner, and a second run waits for it to be released', async () => {
    const dir = tempDir();
    const first = await acquirePublishLock(dir, { id: 'first' });
    expect(await readLockOwner(dir)).toMatchObject({ id: 'first', pid: process.pid, host: hostname() });
    await expect(acquirePublishLock(dir, { id: 'second' })).rejects.toThrow(
      /another publication is running .*deploy first, pid \d+/,
    );
    const waits: unknown[] = [];
    const second = acquirePublishLock(dir, { id: 'second', waitMs: 5_000, pollMs: 20, onWait: (owner) => waits.push(owner) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await first.release();
    expect((await second).owner.id).toBe('second');
    expect(waits).toHaveLength(1);
    expect(await liveLockOwner(dir)).toMatchObject({ id: 'second' });
  });

  it('stops waiting when the publication is stopped', async () => {
    const dir = tempDir();
    await acquirePublishLock(dir, { id: 'first' });
    const controller = new AbortController();
    const waiting = acquirePublishLock(dir, { id: 'second', waitMs: 60_000, pollMs: 20, signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(PublishLockedError);
  });

  it('takes over the lock of a process of this machine that is gone', async () => {
    const dir = tempDir();
    writeLock(dir, { id: 'crashed', pid: deadPid(), host: hostname() });
    expect(await liveLockOwner(dir)).toBeUndefined();
    const lock = await acquirePublishLock(dir, { id: 'next' });
    expect(lock.owner.id).toBe('next');
  });

  it('takes over a lock nobody has touched for the stale delay, never a fresh one of another machine', async () => {
    const fresh = tempDir();
    writeLock(fresh, { id: 'elsewhere', pid: 1, host: 'another-host' });
    await expect(acquirePublishLock(fresh, { id: 'next' })).rejects.toBeInstanceOf(PublishLockedError);
    const stale = tempDir();
    writeLock(stale, { id: 'elsewhere', pid: 1, host: 'another-host' }, 6 * 60_000);
    expect((await acquirePublishLock(stale, { id: 'next' })).owner.id).toBe('next');
  });

  it('a run whose lock was taken over as stale does not remove the new owner’s', async () => {
    const dir = tempDir();
    const old = await acquirePublishLock(dir, { id: 'old', staleAfterMs: 1 });
    // Frozen long enough to be declared stale: another run takes the lock.
    const when = new Date(Date.now() - 10 * 60_000);
    utimesSync(lockPath(dir), when, when);
    const next = await acquirePublishLock(dir, { id: 'next', staleAfterMs: 60_000 });
    await old.release();
    expect(await readLockOwner(dir)).toMatchObject({ id: 'next', token: next.owner.token });
  });
});

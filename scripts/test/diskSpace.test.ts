/** Disk space before a build, and the image caches that grow between builds. */
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createDeployId } from '../src/deploys';
import { availableBytes, directorySize, findSpaceShortage, pruneMediaCache } from '../src/diskSpace';
import { pruneStaleStaging } from '../src/siteBuild';

const temporary: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'passerelle-disk-'));
  temporary.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

const day = 24 * 3_600_000;
const now = Date.now();

/** A cache entry as Astro writes it: the image and its `.json` metadata, last used `daysAgo`. */
function entry(dir: string, name: string, bytes: number, daysAgo: number): void {
  mkdirSync(dir, { recursive: true });
  for (const [file, size] of [
    [name, bytes],
    [`${name}.json`, 10],
  ] as const) {
    writeFileSync(path.join(dir, file), Buffer.alloc(size));
    const when = new Date(now - daysAgo * day);
    utimesSync(path.join(dir, file), when, when);
  }
}

describe('free disk space', () => {
  it('reads what the file system has left', async () => {
    expect(await availableBytes(tmpdir())).toBeGreaterThan(0);
    expect(await availableBytes('/x', async () => ({ bavail: 10n, bsize: 4096n }))).toBe(40_960);
  });

  it('names the first folder whose disk is too full', async () => {
    const statfs = async (dir: string) => ({ bavail: dir === '/full' ? 100 : 1_000_000, bsize: 1024 });
    expect(await findSpaceShortage(['/roomy', '/full'], 1024 * 1024, statfs)).toEqual({
      dir: '/full',
      availableBytes: 102_400,
      neededBytes: 1024 * 1024,
    });
    expect(await findSpaceShortage(['/roomy'], 1024 * 1024, statfs)).toBeUndefined();
  });

  it('measures a folder, and an absent one as empty', async () => {
    const dir = tempDir();
    entry(path.join(dir, 'a'), 'x.webp', 1000, 0);
    expect(await directorySize(dir)).toBe(1010);
    expect(await directorySize(path.join(dir, 'missing'))).toBe(0);
  });
});

describe('the image cache', () => {
  it('keeps the most recently used entries within the size limit, each image with its metadata', async () => {
    const dir = tempDir();
    entry(dir, 'recent.webp', 400, 1);
    entry(dir, 'older.webp', 400, 5);
    entry(dir, 'oldest.webp', 400, 9);
    const result = await pruneMediaCache([dir], { maxBytes: 1000, maxAgeMs: 90 * day, now });
    expect(result).toEqual({ removedFiles: 2, freedBytes: 410, keptBytes: 820 });
    expect(
      ['recent.webp', 'recent.webp.json', 'older.webp', 'older.webp.json'].every((file) => existsSync(path.join(dir, file))),
    ).toBe(true);
    expect(existsSync(path.join(dir, 'oldest.webp'))).toBe(false);
    expect(existsSync(path.join(dir, 'oldest.webp.json'))).toBe(false);
  });

  it('drops what has not been used for the age limit, whatever the size', async () => {
    const dir = tempDir();
    entry(dir, 'used.webp', 10, 3);
    entry(dir, 'forgotten.webp', 10, 120);
    const result = await pruneMediaCache([dir, path.join(dir, 'missing')], { maxBytes: 1024 ** 3, maxAgeMs: 90 * day, now });
    expect(result.removedFiles).toBe(2);
    expect(existsSync(path.join(dir, 'used.webp'))).toBe(true);
    expect(existsSync(path.join(dir, 'forgotten.webp'))).toBe(false);
  });
});

describe('staging folders of killed builds', () => {
  it('are removed once their deploy id is older than the age limit; recent and unknown ones stay', async () => {
    const root = tempDir();
    const at = (iso: string) => createDeployId(new Date(iso));
    const old = `${at('2026-12-01T08:00:00.000Z')}.partial`;
    const recent = `${at('2026-12-01T11:30:00.000Z')}.partial`;
    for (const name of [old, recent, 'something-else']) mkdirSync(path.join(root, name));
    const removed = await pruneStaleStaging(root, { now: Date.parse('2026-12-01T12:00:00.000Z') });
    expect(removed).toEqual([old]);
    expect(existsSync(path.join(root, recent))).toBe(true);
    expect(existsSync(path.join(root, 'something-else'))).toBe(true);
    expect(await pruneStaleStaging(path.join(root, 'missing'))).toEqual([]);
  });
});

/**
 * Disk space for a publication. A build that runs out of space half-way fails with an obscure
 * error (ENOSPC from Astro, sharp or Pagefind) after minutes of work; checking first fails in a
 * second, with a sentence an editor can pass on. The image caches are what grows without bound
 * between builds (Astro never empties its own), so they are pruned first.
 */
import { lstat, rm, statfs } from 'node:fs/promises';
import path from 'node:path';

import { filesIn } from '@passerelle/content-schemas/fileListing';

export type StatFs = (dir: string) => Promise<{ bavail: number | bigint; bsize: number | bigint }>;

/** Bytes an unprivileged process may still write on the file system holding `dir`. */
export async function availableBytes(dir: string, statfsImpl: StatFs = statfs): Promise<number> {
  const info = await statfsImpl(dir);
  return Number(info.bavail) * Number(info.bsize);
}

/** Total size of the files under `dir` (links not followed); 0 when it does not exist. */
export async function directorySize(dir: string): Promise<number> {
  return filesSize(dir, await filesIn(dir).catch(() => []));
}

/** Total size of `files`, paths relative to `dir` (links not followed; a missing one counts 0). */
export async function filesSize(dir: string, files: readonly string[]): Promise<number> {
  let total = 0;
  // 33,000 files in a 1,000-fiche deploy: one stat after the other took 1.3 s; a batch at a
  // time (bounded descriptors) takes about half.
  for (let start = 0; start < files.length; start += 64) {
    const sizes = await Promise.all(
      files.slice(start, start + 64).map(async (file) => (await lstat(path.join(dir, file)).catch(() => undefined))?.size ?? 0),
    );
    for (const size of sizes) total += size;
  }
  return total;
}

export const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

export type CachePruneResult = { removedFiles: number; freedBytes: number; keptBytes: number };

/**
 * Empties image caches down to `maxBytes`, least recently used first, and drops anything unused
 * for `maxAgeMs`. Astro keeps `<name>` and `<name>.json` side by side: they go together. A
 * removed entry is only work for the next build (the image is optimised again), never a loss.
 */
export async function pruneMediaCache(
  dirs: readonly string[],
  { maxBytes, maxAgeMs, now = Date.now() }: { maxBytes: number; maxAgeMs: number; now?: number },
): Promise<CachePruneResult> {
  type Entry = { files: string[]; bytes: number; usedMs: number };
  const entries = new Map<string, Entry>();
  for (const dir of dirs) {
    for (const relative of await filesIn(dir).catch(() => [])) {
      const file = path.join(dir, relative);
      const info = await lstat(file).catch(() => undefined);
      if (!info) continue;
      const key = file.replace(/\.json$/, '');
      const entry = entries.get(key) ?? { files: [], bytes: 0, usedMs: 0 };
      entry.files.push(file);
      entry.bytes += info.size;
      // Reads update atime (at most daily with relatime): the best "last used" there is.
      entry.usedMs = Math.max(entry.usedMs, info.atimeMs, info.mtimeMs);
      entries.set(key, entry);
    }
  }
  const byUse = [...entries.values()].sort((a, b) => b.usedMs - a.usedMs);
  let keptBytes = 0;
  let full = false;
  const result: CachePruneResult = { removedFiles: 0, freedBytes: 0, keptBytes: 0 };
  for (const entry of byUse) {
    // Strictly least recently used: once the budget is reached, everything older goes.
    full ||= keptBytes + entry.bytes > maxBytes;
    if (!full && now - entry.usedMs <= maxAgeMs) {
      keptBytes += entry.bytes;
      continue;
    }
    for (const file of entry.files) await rm(file, { force: true });
    result.removedFiles += entry.files.length;
    result.freedBytes += entry.bytes;
  }
  result.keptBytes = keptBytes;
  return result;
}

export type SpaceShortage = { dir: string; availableBytes: number; neededBytes: number };

/** The first of `dirs` whose file system has less than `neededBytes` free, if any. */
export async function findSpaceShortage(
  dirs: readonly string[],
  neededBytes: number,
  statfsImpl: StatFs = statfs,
): Promise<SpaceShortage | undefined> {
  for (const dir of dirs) {
    const available = await availableBytes(dir, statfsImpl);
    if (available < neededBytes) return { dir, availableBytes: available, neededBytes };
  }
  return undefined;
}

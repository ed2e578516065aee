/**
 * What the whole-site passes keep beyond one build — the caches of pruned stylesheets and drawn
 * images, the search and QR code records kept with each deploy's content snapshot — is written,
 * and trimmed the same way, here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const lockfile = fileURLToPath(new URL('../../../package-lock.json', import.meta.url));
let lockfileContent: Buffer | string | undefined;

/**
 * The repository's lockfile, read once per process: part of every cache key, so that another
 * locked version of a library (or of one it pulls in) is another key.
 */
export function lockfileBytes(): Buffer | string {
  lockfileContent ??= existsSync(lockfile) ? readFileSync(lockfile) : 'no lockfile';
  return lockfileContent;
}

/** Writes a file whole under another name, then renames it: a reader never sees half of it. */
export async function writeWhole(file: string, content: string | Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const staging = `${file}.${process.pid}.partial`;
  await writeFile(staging, content);
  await rename(staging, file);
}

/** Keeps the `count` most recently written files of a folder whose names end with `suffix`. */
export async function keepNewest(dir: string, count: number, suffix: string): Promise<void> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(suffix));
  if (names.length <= count) return;
  const entries = await Promise.all(
    names.map(async (name) => ({ name, written: (await stat(path.join(dir, name)).catch(() => undefined))?.mtimeMs ?? 0 })),
  );
  entries.sort((a, b) => b.written - a.written);
  for (const { name } of entries.slice(count)) await rm(path.join(dir, name), { force: true });
}

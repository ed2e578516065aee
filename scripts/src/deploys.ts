/**
 * The deploy directory: one folder per successful build (`deploys/<id>/`), a metadata file next
 * to each (`deploys/<id>.json`, outside what is served), and `deploys/current`, a symbolic link
 * to the live one. The link is replaced with a rename, which is atomic: a visitor gets the old
 * site or the new one, never a mix, and a crash mid-build leaves the live site untouched.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { Locale } from '@passerelle/content-schemas';
import { repositoryRoot } from '@passerelle/content-schemas/repository';

import { liveLockOwner, processIsAlive } from './publishLock';

export const currentLink = 'current';
export const defaultKeep = 5;

/** `DEPLOYS_DIR`, relative to where the command was typed, or `deploys/` at the repository root. */
export function resolveDeploysDir(value: string | undefined, invokedFrom = process.cwd()): string {
  return value ? path.resolve(invokedFrom, value) : path.join(repositoryRoot, 'deploys');
}

export type PageCounts = {
  /** Every HTML page of the deploy. */
  total: number;
  /** Fiche pages per language (`/{lang}/demarches/…` and `/{lang}/dispositifs/…`). */
  fiches: Record<Locale, number>;
  /** `/f/{shortId}/` pages: one per published fiche. */
  shortLinks: number;
};

export type DeployMeta = {
  id: string;
  createdAt: string;
  cmsUrl: string;
  siteUrl: string;
  publishedFiches: number;
  pages: PageCounts;
  redirects: number;
  buildId?: string;
  /** Full or incremental (docs/publishing.md), why, and the code that built it (scripts/src/incremental.ts). */
  kind?: 'full' | 'incremental';
  why?: string;
  codeVersion?: string;
  /**
   * The size of its files, for the next publication's disk check (which needs about twice the
   * live site): measured after a full build; an incremental one adds what it rendered to the live
   * deploy's (its other files are those, as hard links). Absent: the check measures the folder.
   */
  bytes?: number;
};

/** Sortable by name, in UTC: `20261127-174455-123-k7m2`. */
export function createDeployId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-').replace('Z', '');
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

const deployIdPattern = /^\d{8}-\d{6}-\d{3}-[0-9a-f]{4}$/;

export function isDeployId(value: string): boolean {
  return deployIdPattern.test(value);
}

/** Complete deploys (folder + metadata), oldest first. */
export async function listDeploys(deploysDir: string): Promise<DeployMeta[]> {
  const names = await readdir(deploysDir).catch(() => [] as string[]);
  const metas: DeployMeta[] = [];
  for (const name of names.filter(isDeployId).sort()) {
    const meta = await readDeployMeta(deploysDir, name);
    if (meta) metas.push(meta);
  }
  return metas;
}

export async function readDeployMeta(deploysDir: string, id: string): Promise<DeployMeta | undefined> {
  if (!existsSync(path.join(deploysDir, id))) return undefined;
  try {
    return JSON.parse(await readFile(path.join(deploysDir, `${id}.json`), 'utf8')) as DeployMeta;
  } catch {
    return undefined;
  }
}

export async function writeDeployMeta(deploysDir: string, meta: DeployMeta): Promise<void> {
  const file = path.join(deploysDir, `${meta.id}.json`);
  await writeFile(`${file}.tmp`, `${JSON.stringify(meta, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

/** The id `deploys/current` points to, if any. */
export async function currentDeployId(deploysDir: string): Promise<string | undefined> {
  try {
    const target = await readlink(path.join(deploysDir, currentLink));
    return path.basename(target);
  } catch {
    return undefined;
  }
}

export async function currentDeployMeta(deploysDir: string): Promise<DeployMeta | undefined> {
  const id = await currentDeployId(deploysDir);
  return id ? readDeployMeta(deploysDir, id) : undefined;
}

/** Points `deploys/current` at `id` in one atomic step (a new link renamed over the old one). */
export async function switchCurrent(deploysDir: string, id: string): Promise<void> {
  if (!(await readDeployMeta(deploysDir, id))) throw new Error(`deploy ${id} is not a complete deploy in ${deploysDir}`);
  const staging = path.join(deploysDir, `.current-${process.pid}-${randomBytes(3).toString('hex')}`);
  // Relative, so the deploy folder can be moved or mounted elsewhere as a whole.
  await symlink(id, staging, 'dir');
  try {
    await rename(staging, path.join(deploysDir, currentLink));
  } catch (error) {
    await rm(staging, { force: true });
    throw error;
  }
}

/**
 * Keeps the `keep` most recent complete deploys (and always the live one); removes older ones,
 * and leftovers of interrupted builds. Work in progress of a build that is still running is
 * never touched: the work folders (`.<id>.partial`, `.<id>.work`) of the publish lock's live
 * owner, and `inUse`; a link being swapped in (`.current-<pid>-…`) while its process runs.
 * Hidden names it does not know are left alone.
 */
export async function pruneDeploys(
  deploysDir: string,
  keep = defaultKeep,
  { inUse = [] }: { inUse?: readonly string[] } = {},
): Promise<string[]> {
  const current = await currentDeployId(deploysDir);
  const complete = await listDeploys(deploysDir);
  const kept = new Set(complete.slice(-keep).map((meta) => meta.id));
  if (current) kept.add(current);
  const running = (await liveLockOwner(deploysDir))?.id;
  const removed: string[] = [];
  for (const name of await readdir(deploysDir).catch(() => [] as string[])) {
    if (name === currentLink || inUse.includes(name)) continue;
    if (name.startsWith('.')) {
      if (await isLeftover(deploysDir, name, running)) await rm(path.join(deploysDir, name), { recursive: true, force: true });
      continue;
    }
    // A deploy's folder, its metadata and its content snapshot go together.
    const id = name.replace(/\.(json|snapshot)$/, '');
    if (isDeployId(id) && !kept.has(id)) {
      await rm(path.join(deploysDir, name), { recursive: true, force: true });
      if (!/\.(json|snapshot)$/.test(name)) removed.push(id);
    }
  }
  return removed;
}

/** A hidden entry left by a run that is over: never the running build's, never one we do not know. */
async function isLeftover(deploysDir: string, name: string, runningId: string | undefined): Promise<boolean> {
  const work = /^\.(.+)\.(partial|work)$/.exec(name);
  if (work?.[1] && isDeployId(work[1])) return work[1] !== runningId;
  const swap = /^\.current-(\d+)-[0-9a-f]+$/.exec(name);
  if (swap?.[1]) {
    const info = await lstat(path.join(deploysDir, name)).catch(() => undefined);
    // The rename that follows its creation takes milliseconds: a minute-old one is abandoned.
    return !processIsAlive(Number(swap[1])) || (info !== undefined && Date.now() - info.mtimeMs > 60_000);
  }
  return false;
}

/** Where a build in progress writes: hidden, so it is never listed nor served. */
export function partialDirFor(deploysDir: string, id: string): string {
  return path.join(deploysDir, `.${id}.partial`);
}

/** Scratch space of a build in progress (its snapshot of the CMS content). */
export function workDirFor(deploysDir: string, id: string): string {
  return path.join(deploysDir, `.${id}.work`);
}

export async function ensureDeploysDir(deploysDir: string): Promise<void> {
  await mkdir(deploysDir, { recursive: true });
}

export type RollbackResult = { from: string | undefined; to: string };

/**
 * Switches the live site back to the deploy before the current one (or to `target`), in one
 * atomic step. Nothing is deleted: running it again goes one deploy further back.
 */
export async function rollback(deploysDir: string, target?: string): Promise<RollbackResult> {
  const deploys = await listDeploys(deploysDir);
  const from = await currentDeployId(deploysDir);
  let to: string | undefined;
  if (target) {
    to = deploys.find((meta) => meta.id === target)?.id;
    if (!to)
      throw new Error(
        `no complete deploy "${target}" in ${deploysDir} (available: ${deploys.map((meta) => meta.id).join(', ') || 'none'})`,
      );
  } else {
    const index = deploys.findIndex((meta) => meta.id === from);
    const candidates = index === -1 ? deploys.filter((meta) => !from || meta.id < from) : deploys.slice(0, index);
    to = candidates.at(-1)?.id;
    if (!to) throw new Error(`no deploy older than ${from ?? 'the current one'} to roll back to in ${deploysDir}`);
  }
  await switchCurrent(deploysDir, to);
  return { from, to };
}

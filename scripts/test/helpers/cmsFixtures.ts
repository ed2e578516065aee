/**
 * What the end-to-end suites share, made once and reused for as long as the CMS is unchanged:
 * - the admin build: turbo's own cache, keyed by turbo's hash of cms/ and content-schemas/
 *   (sources, dependencies, environment), so a stale build is never reused;
 * - a database seeded with the sample content (and its media files), kept under
 *   node_modules/.cache/ and keyed by that same hash: each suite starts from a copy of it
 *   instead of seeding for minutes. The seed itself stays tested from scratch by start.e2e.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import { repositoryRoot } from '@passerelle/content-schemas/repository';
import { developmentPassword } from '@passerelle/cms/seed/users';

import { run } from '../../src/processes';

const cmsDir = path.join(repositoryRoot, 'cms');
const cacheDir = path.join(repositoryRoot, 'node_modules', '.cache', 'passerelle-e2e');
const builtMarker = path.join(cmsDir, '.next', 'passerelle-turbo-hash');
export const seededDatabaseFile = 'passerelle.db';

/** The environment the admin is built in: what turbo hashes (NODE_ENV) must be the same every time. */
function buildEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, NEXT_TELEMETRY_DISABLED: '1' };
}

/** turbo's hash of the admin build: changes with any input of cms/ or content-schemas/ (tests excepted). */
export async function cmsBuildHash(env?: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await promisify(execFile)('npx', ['turbo', 'run', 'build', '--filter=@passerelle/cms', '--dry=json'], {
    cwd: repositoryRoot,
    env: buildEnv(env),
    maxBuffer: 64 * 1024 * 1024,
  });
  const task = (JSON.parse(stdout) as { tasks: { taskId: string; hash: string }[] }).tasks.find(
    (entry) => entry.taskId === '@passerelle/cms#build',
  );
  if (!task) throw new Error('turbo does not list @passerelle/cms#build');
  return task.hash;
}

/**
 * Builds the admin (cms/.next) unless the build in place was made from the same sources: turbo
 * builds it, or replays it from its cache, once; later suites find the marker and skip turbo.
 */
export async function ensureAdminBuild(env?: NodeJS.ProcessEnv): Promise<void> {
  const hash = await cmsBuildHash(env);
  const inPlace =
    existsSync(path.join(cmsDir, '.next', 'BUILD_ID')) && (await readFile(builtMarker, 'utf8').catch(() => '')) === hash;
  if (inPlace) return;
  await run('npx', ['turbo', 'run', 'build', '--filter=@passerelle/cms', '--output-logs=errors-only'], {
    cwd: repositoryRoot,
    env: buildEnv(env),
    label: 'build',
  });
  await writeFile(builtMarker, hash);
}

/** The folder of the seeded database for the current CMS sources, seeded first if there is none. */
async function seededDatabase(): Promise<string> {
  const hash = await cmsBuildHash();
  const target = path.join(cacheDir, `seeded-${hash}`);
  if (existsSync(path.join(target, seededDatabaseFile))) return target;
  const work = path.join(cacheDir, `seeding-${randomBytes(4).toString('hex')}`);
  await mkdir(work, { recursive: true });
  try {
    // Outside production Payload brings the SQLite schema up to date on boot, as `npm start` does.
    await run('npx', ['tsx', 'src/seed/cli.ts'], {
      cwd: cmsDir,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URI: `file:${path.join(work, seededDatabaseFile)}`,
        MEDIA_DIR: path.join(work, 'media'),
        PAYLOAD_SECRET: randomBytes(24).toString('hex'),
        PAYLOAD_JOBS_AUTORUN: 'false',
        SEED_PASSWORD: developmentPassword,
      },
      label: 'seed',
      // The seed tops up what is missing: safe to run again after Node 20's unsettled start.
      retriesOnUnsettledStart: 2,
    });
    // Seeds of other sources go; a parallel run that finished first wins.
    for (const entry of await readdir(cacheDir)) {
      if (entry.startsWith('seeded-')) await rm(path.join(cacheDir, entry), { recursive: true, force: true });
    }
    await rename(work, target).catch((error: unknown) => {
      if (!existsSync(path.join(target, seededDatabaseFile))) throw error;
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return target;
}

/**
 * Puts a copy of the seeded database (`passerelle.db`, the development logins with the
 * development password) and its media files (`media/`) into `dataDir`.
 */
export async function copySeededDatabase(dataDir: string): Promise<{ databaseFile: string; mediaDir: string }> {
  await cp(await seededDatabase(), dataDir, { recursive: true });
  return { databaseFile: path.join(dataDir, seededDatabaseFile), mediaDir: path.join(dataDir, 'media') };
}

/**
 * `npm start`: the whole product on one machine. Builds the CMS admin (cached by turbo), seeds a
 * brand-new embedded database, starts the CMS on :3000 — with its job runner, which rebuilds the
 * static site on every publication — asks it for a first build when no deploy exists yet, and
 * serves the live deploy (`deploys/current`) on :4321 the way a CDN would. Ctrl-C stops everything.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';

import { repositoryRoot as repoRoot } from '@passerelle/content-schemas/repository';
import { DatabaseUriError, resolveDatabaseTarget } from '@passerelle/cms/database';
import { developmentPassword, developmentUsers } from '@passerelle/cms/seed/users';

import { currentDeployId, resolveDeploysDir } from './deploys';
import { listenHost } from './listenHost';
import { isPortTaken, run, spawnPrefixed, stop, waitForUrl } from './processes';
import { createStaticServer } from './staticServer';

const cmsDir = path.join(repoRoot, 'cms');
const siteDir = path.join(repoRoot, 'site');
const cmsPort = Number(process.env.CMS_PORT ?? 3000);
const sitePort = Number(process.env.SITE_PORT ?? 4321);
const host = listenHost();
const cmsUrl = `http://localhost:${cmsPort}`;
const siteUrl = `http://localhost:${sitePort}`;
const deploysDir = resolveDeploysDir(process.env.DEPLOYS_DIR);
/** Lets this script ask the CMS for the first build; new on every run, known only to the two processes. */
const publishToken = randomBytes(24).toString('hex');
const publishTokenHeader = 'x-passerelle-publish-token';

/** Everything started so far, stopped together on Ctrl-C or on any failure. */
const children: ChildProcess[] = [];
let server: Server | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (code === 0) console.log('\nnpm start: stopping…');
    server?.close();
    await Promise.all(children.map((child) => stop(child)));
  }
  process.exit(code);
}

async function fail(message: string): Promise<never> {
  console.error(`npm start: ${message}`);
  return shutdown(1);
}

/** A random signing secret made once per checkout and kept next to the database, out of git. */
function localSecret(): string {
  const file = path.join(cmsDir, 'data', '.payload-secret');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

function siteCanBuild(): boolean {
  const manifest = JSON.parse(readFileSync(path.join(siteDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  return Boolean(manifest.scripts?.build);
}

async function main(): Promise<void> {
  let database;
  try {
    database = resolveDatabaseTarget(process.env.DATABASE_URI, cmsDir);
  } catch (error) {
    if (error instanceof DatabaseUriError) return fail(error.message);
    throw error;
  }
  for (const port of [cmsPort, sitePort]) {
    if (await isPortTaken(port)) return fail(`port ${port} is already in use; stop what uses it or set CMS_PORT / SITE_PORT`);
  }

  // The public development password goes to a local SQLite development database only; the seed
  // refuses it anywhere else, and then only SEED_PASSWORD creates logins.
  const nodeEnv = process.env.NODE_ENV ?? 'development';
  const password =
    process.env.SEED_PASSWORD || (database.kind === 'sqlite' && nodeEnv !== 'production' ? developmentPassword : undefined);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URI: database.url,
    PAYLOAD_SECRET: process.env.PAYLOAD_SECRET ?? localSecret(),
    PAYLOAD_PUBLIC_SERVER_URL: cmsUrl,
  };
  // The CMS's job runner builds into deploysDir, for the site served below.
  const cmsEnv: NodeJS.ProcessEnv = {
    ...env,
    DEPLOYS_DIR: deploysDir,
    SITE_URL: process.env.SITE_URL ?? siteUrl,
    PUBLISH_TOKEN: publishToken,
    // The development logins share a public password: a second factor on them protects nothing,
    // so it stays optional on that local database. Production requires it for admins and experts.
    ...(password === developmentPassword && !process.env.TOTP_REQUIRED ? { TOTP_REQUIRED: 'false' } : {}),
  };
  const started = Date.now();
  console.log(`npm start: database ${database.kind === 'sqlite' ? database.file : 'MongoDB'}`);

  // turbo replays a cached build when nothing in cms/ changed.
  console.log('npm start: building the CMS admin (first time: 1–2 minutes)…');
  await run('npx', ['turbo', 'run', 'build', '--filter=@passerelle/cms', '--output-logs=errors-only'], {
    cwd: repoRoot,
    env: { ...env, NEXT_TELEMETRY_DISABLED: '1' },
    label: 'build',
    running: children,
  });

  // Outside production Payload brings the SQLite schema up to date on boot, so the seed step
  // also prepares the database that `next start` (always production) then uses as it is.
  await run('npx', ['tsx', 'src/seed/cli.ts', '--if-empty'], {
    cwd: cmsDir,
    env: {
      ...env,
      NODE_ENV: nodeEnv,
      SEED_PASSWORD: password ?? '',
      PAYLOAD_JOBS_AUTORUN: 'false',
    },
    label: 'seed',
    running: children,
    // Safe to run twice: `--if-empty` seeds only an empty database.
    retriesOnUnsettledStart: 2,
  });

  const cms = spawnPrefixed('npx', ['next', 'start', '--port', String(cmsPort), '--hostname', host], {
    cwd: cmsDir,
    env: cmsEnv,
    label: 'cms',
  });
  children.push(cms);
  cms.on('exit', (code) => {
    if (!stopping) void fail(`the CMS stopped unexpectedly (exit code ${code})`);
  });

  await waitForUrl(`${cmsUrl}/api/themes?limit=1`);
  console.log(`npm start: CMS ready in ${Math.round((Date.now() - started) / 1000)} s`);

  server = createStaticServer({ root: () => path.join(deploysDir, 'current') });
  await new Promise<void>((resolve) => server?.listen(sitePort, host, resolve));
  const live = await currentDeployId(deploysDir);
  if (live) console.log(`npm start: serving the live deploy ${live} (${deploysDir})`);
  else if (siteCanBuild()) await firstBuild();
  else console.log('npm start: the site workspace has no build script yet; nothing to serve');

  const wide = !['127.0.0.1', 'localhost', '::1'].includes(host);
  console.log(
    [
      '',
      'Passerelle is running:',
      `  Admin (CMS):   ${cmsUrl}/admin`,
      `  REST API:      ${cmsUrl}/api/fiches?locale=ar`,
      `  Public site:   ${siteUrl}/   (rebuilt on every publication; see ${cmsUrl}/admin/collections/builds)`,
      `  Deploys:       ${deploysDir}   (npm run rollback puts the previous one back)`,
      wide
        ? `  Listening on ${host}: other machines on the network reach the admin and its development logins.`
        : `  Listening on ${host} only (npm start -- --host 0.0.0.0, or LISTEN_HOST, to open it to the network).`,
      '',
      password
        ? `Development logins (password: ${password === developmentPassword ? password : 'the SEED_PASSWORD you set'}):`
        : 'No development logins (SEED_PASSWORD not set).',
      ...(cmsEnv.TOTP_REQUIRED === 'false'
        ? [
            'Two-factor authentication is optional on this local database (required for admins and expert translators in production).',
          ]
        : []),
      ...(password
        ? developmentUsers.map(
            (user) =>
              `  ${user.email.padEnd(32)} ${user.roles.join(', ')}${user.languages?.length ? ` (${user.languages.join(', ')})` : ''}`,
          )
        : []),
      '',
      `Ready in ${Math.round((Date.now() - started) / 1000)} s. Press Ctrl-C to stop.`,
    ].join('\n'),
  );
}

/** Asks the CMS's job runner for a first build and waits for it: the site is served once it is live. */
async function firstBuild(): Promise<void> {
  console.log('npm start: no deploy yet; building the site (first time: about a minute)…');
  const headers = { [publishTokenHeader]: publishToken, 'content-type': 'application/json' };
  const response = await fetch(`${cmsUrl}/api/builds/request`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ trigger: 'Premier démarrage : construction du site' }),
  });
  if (response.status !== 202) return fail(`the CMS refused the first build (HTTP ${response.status}: ${await response.text()})`);
  const { id } = (await response.json()) as { id: string };
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const build = (await (await fetch(`${cmsUrl}/api/builds/${id}?depth=0`, { headers })).json()) as {
      status?: string;
      reason?: string;
    };
    if (build.status === 'succeeded') return;
    if (build.status === 'failed' || build.status === 'refused')
      return fail(`the first build ${build.status}: ${build.reason ?? 'no reason given'}`);
  }
  return fail('the first build did not finish within 15 minutes');
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch((error: Error) => fail(error.message));

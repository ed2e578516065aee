import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { leaseMs } from '../../src/publishing/runnerLock';
import { publishTokenHeader } from '../../src/publishing/publishToken';
import { resolveDatabaseTarget } from '../../src/utilities/database';
import { runnerSilentAfterMs } from '../../src/utilities/health';
import { payloadSecret } from '../../src/utilities/secret';
import { publicServerUrl } from '../../src/utilities/serverUrl';
import { startedAgainIfUnsettled } from '../../src/publishing/unsettledStart';
import {
  checkDeployment,
  cmsRole,
  DeploymentSettingsError,
  jobsAutoRun,
  logFormat,
  mediaStorage,
} from '../../src/utilities/deployment';

const mongo = 'mongodb+srv://cms:secret@cluster0.example.net/passerelle';

describe('cmsRole', () => {
  it('is `all` by default: one machine does everything', () => {
    expect(cmsRole({})).toBe('all');
    expect(cmsRole({ NODE_ENV: 'production', DATABASE_URI: 'file:./data/passerelle.db' })).toBe('all');
  });

  it.each(['web', 'worker', 'all'])('accepts %s', (role) => {
    expect(cmsRole({ CMS_ROLE: ` ${role} ` })).toBe(role);
  });

  it('refuses an unknown role, naming the three', () => {
    expect(() => cmsRole({ CMS_ROLE: 'front' })).toThrow(DeploymentSettingsError);
    expect(() => cmsRole({ CMS_ROLE: 'front' })).toThrow('CMS_ROLE "front" is not a role: use web, worker or all.');
  });

  it('is required in production on MongoDB, where several instances share the database', () => {
    expect(() => cmsRole({ NODE_ENV: 'production', DATABASE_URI: mongo })).toThrow(
      /^CMS_ROLE is required in production on MongoDB/,
    );
    expect(cmsRole({ NODE_ENV: 'production', DATABASE_URI: mongo, CMS_ROLE: 'web' })).toBe('web');
    // `next build` evaluates the config without the runtime settings.
    expect(cmsRole({ NODE_ENV: 'production', DATABASE_URI: mongo, NEXT_PHASE: 'phase-production-build' })).toBe('all');
  });
});

describe('jobsAutoRun', () => {
  it('runs jobs by default, and not when PAYLOAD_JOBS_AUTORUN=false', () => {
    expect(jobsAutoRun({})).toBe(true);
    expect(jobsAutoRun({ CMS_ROLE: 'worker' })).toBe(true);
    expect(jobsAutoRun({ PAYLOAD_JOBS_AUTORUN: 'false' })).toBe(false);
    expect(jobsAutoRun({ CMS_ROLE: 'worker', PAYLOAD_JOBS_AUTORUN: '0' })).toBe(false);
  });

  it('never runs jobs on a web instance', () => {
    expect(jobsAutoRun({ CMS_ROLE: 'web' })).toBe(false);
    expect(jobsAutoRun({ CMS_ROLE: 'web', PAYLOAD_JOBS_AUTORUN: 'false' })).toBe(false);
  });

  it('refuses to start a web instance told to run jobs', () => {
    expect(() => jobsAutoRun({ CMS_ROLE: 'web', PAYLOAD_JOBS_AUTORUN: 'true' })).toThrow(
      /^CMS_ROLE=web with PAYLOAD_JOBS_AUTORUN=true: a web instance never runs jobs/,
    );
  });

  it('refuses a value that is not a boolean', () => {
    expect(() => jobsAutoRun({ PAYLOAD_JOBS_AUTORUN: 'yes' })).toThrow(
      'PAYLOAD_JOBS_AUTORUN "yes" is not a boolean: use true or false.',
    );
  });
});

describe('mediaStorage', () => {
  it('keeps media on disk by default', () => {
    expect(mediaStorage({})).toEqual({ kind: 'disk' });
    expect(mediaStorage({ MEDIA_DIR: '/var/lib/passerelle/media' })).toEqual({ kind: 'disk' });
  });

  it('reads a complete S3-compatible setting', () => {
    expect(
      mediaStorage({
        S3_BUCKET: 'passerelle-media',
        S3_REGION: 'fr-par',
        S3_ENDPOINT: 'https://s3.fr-par.scw.cloud',
        S3_ACCESS_KEY_ID: 'AKIA',
        S3_SECRET_ACCESS_KEY: 'shh',
        S3_FORCE_PATH_STYLE: 'true',
        S3_PREFIX: '/production/',
      }),
    ).toEqual({
      kind: 's3',
      bucket: 'passerelle-media',
      region: 'fr-par',
      endpoint: 'https://s3.fr-par.scw.cloud',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIA', secretAccessKey: 'shh' },
      prefix: 'production',
    });
  });

  it('leaves credentials to the SDK (instance role) when neither key is set, on AWS by default', () => {
    expect(mediaStorage({ S3_BUCKET: 'passerelle-media' })).toEqual({
      kind: 's3',
      bucket: 'passerelle-media',
      region: 'us-east-1',
      forcePathStyle: false,
    });
  });

  it('refuses S3 settings without a bucket, rather than silently writing to disk', () => {
    expect(() => mediaStorage({ S3_ENDPOINT: 'https://s3.example.org', S3_REGION: 'fr-par' })).toThrow(
      'S3_REGION, S3_ENDPOINT set without S3_BUCKET: set S3_BUCKET to store media in object storage, or remove them to keep media on disk (MEDIA_DIR).',
    );
  });

  it('refuses one key without the other', () => {
    expect(() => mediaStorage({ S3_BUCKET: 'media', S3_ACCESS_KEY_ID: 'AKIA' })).toThrow(/^S3_SECRET_ACCESS_KEY is missing/);
    expect(() => mediaStorage({ S3_BUCKET: 'media', S3_SECRET_ACCESS_KEY: 'shh' })).toThrow(/^S3_ACCESS_KEY_ID is missing/);
  });

  it.each([
    [{ S3_BUCKET: 'Media_Bucket' }, /S3_BUCKET "Media_Bucket" is not a bucket name/],
    [{ S3_BUCKET: 'media', S3_ENDPOINT: 's3.example.org' }, /S3_ENDPOINT "s3.example.org" is not an address/],
    [{ S3_BUCKET: 'media', S3_ENDPOINT: 'ftp://s3.example.org' }, /must start with https/],
    [{ S3_BUCKET: 'media', S3_ENDPOINT: 'https://key:secret@s3.example.org' }, /must not hold credentials/],
    [{ S3_BUCKET: 'media', S3_FORCE_PATH_STYLE: 'oui' }, /S3_FORCE_PATH_STYLE "oui" is not a boolean/],
    [{ S3_BUCKET: 'media', S3_PREFIX: 'a b' }, /S3_PREFIX "a b" may hold only/],
    [{ NODE_ENV: 'production', S3_BUCKET: 'media', S3_ENDPOINT: 'http://s3.example.org' }, /uses http:\/\/ in production/],
  ])('refuses %j', (env, message) => {
    expect(() => mediaStorage(env)).toThrow(message);
  });

  it('accepts plain http for a service on this machine (tests, a local MinIO)', () => {
    expect(mediaStorage({ NODE_ENV: 'production', S3_BUCKET: 'media', S3_ENDPOINT: 'http://127.0.0.1:9000' })).toMatchObject({
      endpoint: 'http://127.0.0.1:9000',
    });
  });
});

describe('logFormat', () => {
  it('writes JSON lines in production, readable lines elsewhere, and refuses anything else', () => {
    expect(logFormat({ NODE_ENV: 'production' })).toBe('json');
    expect(logFormat({})).toBe('pretty');
    expect(logFormat({ LOG_FORMAT: 'JSON' })).toBe('json');
    expect(() => logFormat({ LOG_FORMAT: 'xml' })).toThrow('LOG_FORMAT "xml" is not a format: use json or pretty.');
  });
});

describe('checkDeployment (what docs/deploy.md prescribes)', () => {
  it('accepts the production web instance and the production worker of docs/deploy.md', () => {
    const shared = {
      NODE_ENV: 'production',
      DATABASE_URI: mongo,
      S3_BUCKET: 'passerelle-media',
      S3_REGION: 'eu-west-3',
    };
    expect(checkDeployment({ ...shared, CMS_ROLE: 'web' })).toEqual({
      role: 'web',
      jobsAutoRun: false,
      media: 's3',
      logFormat: 'json',
    });
    expect(checkDeployment({ ...shared, CMS_ROLE: 'worker' })).toEqual({
      role: 'worker',
      jobsAutoRun: true,
      media: 's3',
      logFormat: 'json',
    });
  });

  it('keeps the one-machine default exactly as simple: nothing to set', () => {
    expect(checkDeployment({})).toEqual({ role: 'all', jobsAutoRun: true, media: 'disk', logFormat: 'pretty' });
  });
});

const cmsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const deployDoc = readFileSync(path.resolve(cmsRoot, '../docs/deploy.md'), 'utf8');

/** An environment block of docs/deploy.md (```sh deploy-env=NAME), `<…>` placeholders filled in. */
function documentedEnv(name: string): Record<string, string> {
  const block = new RegExp('```sh deploy-env=' + name + '\\n([\\s\\S]*?)```').exec(deployDoc)?.[1];
  if (!block) throw new Error(`docs/deploy.md has no \`\`\`sh deploy-env=${name} block`);
  return Object.fromEntries(
    block
      .trim()
      .split('\n')
      .map((line) => {
        const [key, ...rest] = line.split('=');
        const value = rest.join('=');
        // A placeholder that shows a URI keeps it; any other stands for a secret.
        const filled = value.replace(/^<(mongodb\+srv:\/\/[^>]*)>$/, '$1').replace(/^<[^>]*>$/, 'placeholder-secret');
        return [key as string, filled];
      }),
  );
}

describe('docs/deploy.md', () => {
  it('its web instance and worker are accepted as they are written, on MongoDB and S3', () => {
    const web = documentedEnv('web');
    const worker = documentedEnv('worker');
    expect(web.DATABASE_URI).toMatch(/^mongodb\+srv:\/\//);
    expect(checkDeployment(web)).toEqual({ role: 'web', jobsAutoRun: false, media: 's3', logFormat: 'json' });
    expect(checkDeployment(worker)).toEqual({ role: 'worker', jobsAutoRun: true, media: 's3', logFormat: 'json' });
    for (const env of [web, worker]) {
      expect(resolveDatabaseTarget(env.DATABASE_URI, cmsRoot).kind).toBe('mongodb');
      expect(publicServerUrl(env as NodeJS.ProcessEnv)).toBe('https://cms.example.org');
      expect(payloadSecret(env as NodeJS.ProcessEnv)).toBe('placeholder-secret');
    }
  });

  it('its refused example is refused', () => {
    expect(() => checkDeployment(documentedEnv('refused'))).toThrow(DeploymentSettingsError);
  });

  const table = () =>
    new Set(
      [...deployDoc.matchAll(/^\| ([^|]+) \|/gm)].flatMap((row) =>
        [...(row[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1] as string),
      ),
    );

  it('every variable of its table is one the code reads', () => {
    const repositoryRoot = path.resolve(cmsRoot, '..');
    const sources = ['cms/src', 'cms/next.config.ts', 'scripts/src', '.github/workflows']
      .flatMap((entry) => {
        const full = path.join(repositoryRoot, entry);
        return statSync(full).isDirectory()
          ? readdirSync(full, { recursive: true, encoding: 'utf8' }).map((file) => path.join(full, file))
          : [full];
      })
      .filter((file) => /\.(ts|tsx|yml)$/.test(file) && !file.endsWith('payload-types.ts'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unread = [...table()].filter((name) => !new RegExp(`\\b${name}\\b`).test(sources));
    expect(unread).toEqual([]);
  });

  it('its commands are scripts of the CMS workspace and its paths exist', () => {
    const scripts = (JSON.parse(readFileSync(path.join(cmsRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
      .scripts;
    const rootScripts = (
      JSON.parse(readFileSync(path.join(cmsRoot, '../package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    const cmsCommands = [...deployDoc.matchAll(/npm run ([\w:-]+) -w @passerelle\/cms/g)].map((match) => match[1] as string);
    expect(cmsCommands.length).toBeGreaterThanOrEqual(3);
    for (const name of cmsCommands) expect(scripts, `npm run ${name} -w @passerelle/cms`).toHaveProperty(name);
    for (const name of [...deployDoc.matchAll(/`npm run ([\w:-]+)(?![\w:-])(?! -w)/g)].map((match) => match[1] as string))
      expect(rootScripts, `npm run ${name}`).toHaveProperty(name);
    const paths = [...deployDoc.matchAll(/`((?:cms|scripts|site|\.github)\/[\w./-]+)`/g)].map((match) => match[1] as string);
    expect(paths).toContain('cms/src/database/indexes.ts');
    // cms/media is MEDIA_DIR's default, made by the first upload.
    for (const file of paths.filter((entry) => entry !== 'cms/media'))
      expect(existsSync(path.resolve(cmsRoot, '..', file)), file).toBe(true);
  });

  it('its figures are the code’s: the lock’s lease and renewal, the health check’s silence, the publish token’s header', () => {
    const text = deployDoc.replace(/\s+/g, ' ');
    const lease = leaseMs({ NODE_ENV: 'production' });
    expect(text).toContain(`a ${lease / 1000} s lease renewed every ${lease / 6 / 1000} s`);
    expect(text).toMatch(new RegExp(`\\| \`RUNNER_LOCK_LEASE_MS\` \\| worker \\| \`${lease}\``));
    expect(text).toContain(`no job runner has shown a sign of life for ${runnerSilentAfterMs / 1000} s`);
    expect(text).toContain(`(\`${publishTokenHeader}\`)`);
  });

  it('its table lists every variable the deployment settings read', () => {
    const source = readFileSync(path.join(cmsRoot, 'src/utilities/deployment.ts'), 'utf8');
    const read = new Set(
      [...source.matchAll(/env\.([A-Z][A-Z0-9_]+)|'([A-Z][A-Z0-9_]+)'/g)].map((match) => match[1] ?? match[2]),
    );
    const missing = [...read].filter((name) => name && !table().has(name) && name !== 'NEXT_PHASE');
    expect(missing).toEqual([]);
  });
});

/**
 * `next start`'s own check (next.config.ts at the production server phase) on this environment,
 * started again after Node 20's unsettled start (src/publishing/unsettledStart.ts).
 */
async function startNext(env: Record<string, string>): Promise<ReturnType<typeof startNextOnce>> {
  const { result } = await startedAgainIfUnsettled(() => {
    const result = startNextOnce(env);
    return Promise.resolve({ result, code: result.status, ownOutput: result.stdout.trim() !== '' });
  });
  return result;
}

function startNextOnce(env: Record<string, string>) {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !['PAYLOAD_SECRET', 'PAYLOAD_PUBLIC_SERVER_URL', 'CMS_ROLE', 'PAYLOAD_JOBS_AUTORUN', 'DATABASE_URI'].includes(name) &&
        !name.startsWith('S3_'),
    ),
  );
  return spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      "const { default: config } = await import('./next.config.ts'); config('phase-production-server'); console.log('STARTED');",
    ],
    { cwd: cmsRoot, encoding: 'utf8', env: { ...inherited, NODE_ENV: 'production', ...env }, timeout: 120_000 },
  );
}

describe('next start, checked before it serves anything', () => {
  const web = { PAYLOAD_SECRET: 'a'.repeat(64), PAYLOAD_PUBLIC_SERVER_URL: 'https://cms.example.org', CMS_ROLE: 'web' };

  it.each([
    [
      'a web instance told to run jobs',
      { ...web, PAYLOAD_JOBS_AUTORUN: 'true' },
      /^CMS: CMS_ROLE=web with PAYLOAD_JOBS_AUTORUN=true: a web instance never runs jobs/,
    ],
    ['no PAYLOAD_SECRET', { ...web, PAYLOAD_SECRET: '' }, /^CMS: PAYLOAD_SECRET is required when NODE_ENV=production/],
    [
      'no PAYLOAD_PUBLIC_SERVER_URL',
      { ...web, PAYLOAD_PUBLIC_SERVER_URL: '' },
      /^CMS: PAYLOAD_PUBLIC_SERVER_URL is required when NODE_ENV=production/,
    ],
    [
      'no CMS_ROLE on MongoDB',
      { ...web, CMS_ROLE: '', DATABASE_URI: mongo },
      /^CMS: CMS_ROLE is required in production on MongoDB/,
    ],
  ])('refuses to start with %s, in one line naming the setting', async (_, env, message) => {
    const result = await startNext(env);
    expect(result.stdout).not.toContain('STARTED');
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('starts with the web instance of docs/deploy.md', async () => {
    const result = await startNext(documentedEnv('web'));
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('STARTED');
  });
});

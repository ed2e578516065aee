import { describe, expect, it } from 'vitest';

import { checkDeployment, cmsRole, DeploymentSettingsError, jobsAutoRun, logFormat, mediaStorage } from '../../src/utilities/deployment';

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
    expect(() => cmsRole({ NODE_ENV: 'production', DATABASE_URI: mongo })).toThrow(/^CMS_ROLE is required in production on MongoDB/);
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
    expect(() => jobsAutoRun({ PAYLOAD_JOBS_AUTORUN: 'yes' })).toThrow('PAYLOAD_JOBS_AUTORUN "yes" is not a boolean: use true or false.');
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
    expect(checkDeployment({ ...shared, CMS_ROLE: 'web' })).toEqual({ role: 'web', jobsAutoRun: false, media: 's3', logFormat: 'json' });
    expect(checkDeployment({ ...shared, CMS_ROLE: 'worker' })).toEqual({ role: 'worker', jobsAutoRun: true, media: 's3', logFormat: 'json' });
  });

  it('keeps the one-machine default exactly as simple: nothing to set', () => {
    expect(checkDeployment({})).toEqual({ role: 'all', jobsAutoRun: true, media: 'disk', logFormat: 'pretty' });
  });
});

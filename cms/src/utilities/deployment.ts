/**
 * How this CMS instance takes part in a deployment, read from the environment and checked
 * before anything heavy loads (payload.config.ts at load, next.config.ts before `next start`).
 * Kept free of Payload imports for that reason. docs/deploy.md lists every variable.
 *
 *   CMS_ROLE              `all` (default: one machine does everything), `web` (serves the admin
 *                         and the API, never runs jobs) or `worker` (runs the jobs queue)
 *   PAYLOAD_JOBS_AUTORUN  `true` / `false` (default true, except on a `web` instance)
 *   S3_BUCKET …           media in S3-compatible object storage instead of MEDIA_DIR
 */
/** The environment, or any part of it (tests pass only the variables they mean). */
export type Env = Readonly<Record<string, string | undefined>>;

export class DeploymentSettingsError extends Error {
  override name = 'DeploymentSettingsError';
}

export const cmsRoles = ['all', 'web', 'worker'] as const;
export type CmsRole = (typeof cmsRoles)[number];

export function cmsRole(env: Env = process.env): CmsRole {
  const value = env.CMS_ROLE?.trim();
  if (!value) {
    // Several instances on one MongoDB database without a role would each start a job runner:
    // in production on MongoDB the role is said explicitly.
    if (env.NODE_ENV === 'production' && /^mongodb(\+srv)?:/.test(env.DATABASE_URI?.trim() ?? '') && !building(env)) {
      throw new DeploymentSettingsError(
        'CMS_ROLE is required in production on MongoDB: `web` for the instances behind the load balancer, `worker` for the one that runs the jobs (or `all` for a single instance).',
      );
    }
    return 'all';
  }
  if ((cmsRoles as readonly string[]).includes(value)) return value as CmsRole;
  throw new DeploymentSettingsError(`CMS_ROLE "${value}" is not a role: use web, worker or all.`);
}

function building(env: Env): boolean {
  return env.NEXT_PHASE === 'phase-production-build';
}

function booleanSetting(env: Env, name: string): boolean | undefined {
  const value = env[name]?.trim().toLowerCase();
  if (!value) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new DeploymentSettingsError(`${name} "${env[name]}" is not a boolean: use true or false.`);
}

/**
 * Whether this process runs the jobs queue itself (`jobs.autoRun`). A `web` instance never
 * does; told to anyway, it refuses to start rather than become a second publisher.
 */
export function jobsAutoRun(env: Env = process.env): boolean {
  const role = cmsRole(env);
  const autoRun = booleanSetting(env, 'PAYLOAD_JOBS_AUTORUN');
  if (role === 'web') {
    if (autoRun === true) {
      throw new DeploymentSettingsError(
        'CMS_ROLE=web with PAYLOAD_JOBS_AUTORUN=true: a web instance never runs jobs (publications would start on every instance). Remove PAYLOAD_JOBS_AUTORUN, or set CMS_ROLE=worker on the one instance that runs them.',
      );
    }
    return false;
  }
  return autoRun ?? true;
}

export type MediaStorage =
  | { kind: 'disk' }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      endpoint?: string;
      forcePathStyle: boolean;
      /** Absent: the SDK's own chain (instance role, AWS_* variables, web identity). */
      credentials?: { accessKeyId: string; secretAccessKey: string };
      /** Folder inside the bucket, so one bucket can hold several environments. */
      prefix?: string;
    };

const s3Variables = ['S3_REGION', 'S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE', 'S3_PREFIX'];

/**
 * Where uploads live: on this machine's disk (MEDIA_DIR, the default) or, when S3_BUCKET is set,
 * in an S3-compatible bucket that every instance shares.
 *
 *   S3_BUCKET            the bucket (turns object storage on)
 *   S3_REGION            region (default us-east-1, which most S3-compatible services accept)
 *   S3_ENDPOINT          https address of an S3-compatible service (MinIO, Scaleway, OVH, R2…)
 *   S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY   both or neither (neither: the SDK's credential chain)
 *   S3_FORCE_PATH_STYLE  `true` for services that address buckets by path (MinIO, s3rver)
 *   S3_PREFIX            folder inside the bucket (default none)
 */
export function mediaStorage(env: Env = process.env): MediaStorage {
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) {
    const stray = s3Variables.filter((name) => env[name]?.trim());
    if (stray.length > 0) {
      throw new DeploymentSettingsError(
        `${stray.join(', ')} set without S3_BUCKET: set S3_BUCKET to store media in object storage, or remove ${stray.length > 1 ? 'them' : 'it'} to keep media on disk (MEDIA_DIR).`,
      );
    }
    return { kind: 'disk' };
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new DeploymentSettingsError(
      `S3_BUCKET "${bucket}" is not a bucket name (3–63 lower-case letters, digits, dots and hyphens).`,
    );
  }
  const endpoint = env.S3_ENDPOINT?.trim() || undefined;
  if (endpoint) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new DeploymentSettingsError(`S3_ENDPOINT "${endpoint}" is not an address; write e.g. https://s3.fr-par.scw.cloud`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new DeploymentSettingsError(`S3_ENDPOINT "${endpoint}" must start with https://`);
    }
    if (url.username || url.password) {
      throw new DeploymentSettingsError('S3_ENDPOINT must not hold credentials: use S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY.');
    }
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (env.NODE_ENV === 'production' && !building(env) && url.protocol === 'http:' && !local) {
      throw new DeploymentSettingsError(
        `S3_ENDPOINT "${endpoint}" uses http:// in production; use https (http only for localhost).`,
      );
    }
  }
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim();
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new DeploymentSettingsError(
      `${accessKeyId ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'} is missing: set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together, or neither to use the instance's role.`,
    );
  }
  const prefix = env.S3_PREFIX?.trim().replace(/^\/+|\/+$/g, '') || undefined;
  if (prefix && !/^[A-Za-z0-9._\-/]+$/.test(prefix)) {
    throw new DeploymentSettingsError(
      `S3_PREFIX "${prefix}" may hold only letters, digits, dots, hyphens, underscores and slashes.`,
    );
  }
  return {
    kind: 's3',
    bucket,
    region: env.S3_REGION?.trim() || 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: booleanSetting(env, 'S3_FORCE_PATH_STYLE') ?? false,
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
    ...(prefix ? { prefix } : {}),
  };
}

/** Every check at once, for `next start` (before it listens) and for docs/deploy.md's tests. */
export function checkDeployment(env: Env = process.env): {
  role: CmsRole;
  jobsAutoRun: boolean;
  media: MediaStorage['kind'];
  logFormat: 'json' | 'pretty';
} {
  return { role: cmsRole(env), jobsAutoRun: jobsAutoRun(env), media: mediaStorage(env).kind, logFormat: logFormat(env) };
}

/** LOG_FORMAT: `json` (default in production) or `pretty` (default elsewhere). */
export function logFormat(env: Env = process.env): 'json' | 'pretty' {
  const value = env.LOG_FORMAT?.trim().toLowerCase();
  if (!value) return env.NODE_ENV === 'production' ? 'json' : 'pretty';
  if (value === 'json' || value === 'pretty') return value;
  throw new DeploymentSettingsError(`LOG_FORMAT "${env.LOG_FORMAT}" is not a format: use json or pretty.`);
}

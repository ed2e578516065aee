/**
 * How the CMS publishes the site, from the environment (read when used, so tests and
 * `npm start` can set it per process).
 *
 *   PUBLISH_MODE        `local` (default): build with the publish pipeline on this machine;
 *                       `github`: ask GitHub Actions to build and deploy (repository_dispatch)
 *   PUBLISH_CMS_URL     the CMS address the pipeline reads (default PAYLOAD_PUBLIC_SERVER_URL)
 *   SITE_URL            the public site address (canonical URLs)
 *   DEPLOYS_DIR         where local deploys live (default deploys/ at the repository root)
 *   PUBLISH_COMMAND     replaces the local pipeline command (a shell command line)
 *   PUBLISH_TIMEOUT_MS  a local build still running after this is stopped (default 15 min)
 *   PUBLISH_SETTLE_MS   pause before reading the content, so saves made together build once (default 500)
 *   GITHUB_REPOSITORY, GITHUB_TOKEN, GITHUB_API_URL   for `github` mode
 *   PUBLISH_TOKEN       shared secret of the scripts that request builds or report on them
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export type PublishMode = 'local' | 'github';

export function publishMode(env: NodeJS.ProcessEnv = process.env): PublishMode {
  return env.PUBLISH_MODE === 'github' ? 'github' : 'local';
}

export function publishCmsUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.PUBLISH_CMS_URL || env.PAYLOAD_PUBLIC_SERVER_URL || 'http://localhost:3000';
}

export function numberFromEnv(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}

/**
 * The repository checkout the pipeline runs from. The CMS runs from cms/ (next start, payload
 * jobs:run, tests), but code bundled by Next cannot locate itself, so look up from there.
 */
export function repositoryRoot(env: NodeJS.ProcessEnv = process.env, from = process.cwd()): string {
  if (env.PUBLISH_REPOSITORY_ROOT) return path.resolve(env.PUBLISH_REPOSITORY_ROOT);
  for (let directory = path.resolve(from); ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, 'scripts', 'src', 'publish.ts'))) return directory;
    if (path.dirname(directory) === directory)
      throw new Error(`scripts/src/publish.ts not found above ${from}; set PUBLISH_REPOSITORY_ROOT`);
  }
}

/** A build whose runner has not shown a sign of life for this long is considered dead. */
export const heartbeatMs = 5_000;
export const staleAfterMs = 30_000;
/** GitHub reports back when its workflow ends; without news after this, the build is marked failed. */
export const githubReportTimeoutMs = 60 * 60_000;

/**
 * `npm run publish:site`: builds the published content into a new deploy and switches the live
 * site to it (see publishSite.ts). The CMS's `rebuildSite` job runs this same command.
 *
 *   CMS_URL            the CMS to read (default http://localhost:3000)
 *   SITE_URL           the public address of the site (default http://localhost:4321)
 *   DEPLOYS_DIR        where deploys live (default deploys/ at the repository root)
 *   PUBLISH_BUILD_ID   the CMS build record this run answers (set by the job)
 *   PUBLISH_MIN_RATIO  refuse a build below this share of the live site (default 0.5)
 *   PUBLISH_LIVE_URL   compare with this live site's /deploy.json when DEPLOYS_DIR has no live deploy (CI)
 *   CMS_TIMEOUT_MS     how long one read of the CMS may take (default 30 s; a media file: 4 times that)
 *   --allow-shrink     publish even if the site shrinks that much (a deliberate mass unpublication)
 *   --full             render every page, even when only part of the site changed (docs/publishing.md)
 *
 * The last line printed is `PUBLISH_RESULT {json}`; exit code 0 live, 1 failed, 2 refused.
 */
import { pathToFileURL } from 'node:url';

import { formatPublishResult, publishResultPrefix, publishStagePrefix, type PublishResult } from '@passerelle/content-schemas';

import { resolveDeploysDir } from './deploys';
import { timeoutFromEnv } from './export';
import { PublishError, publishSite } from './publishSite';

/** The protocol's prefix (content-schemas/src/publishProtocol.ts), kept under its former name. */
export const resultPrefix = publishResultPrefix;

async function main(): Promise<number> {
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log(`publish: stopping (${signal})`);
      controller.abort();
    });
  }
  const minRatio = Number(process.env.PUBLISH_MIN_RATIO ?? 0.5);
  // How many deploys to keep (default 5): GitHub Actions keeps 1, the live one, in its cache.
  const keep = Number(process.env.PUBLISH_KEEP_DEPLOYS);
  try {
    const report = await publishSite({
      cmsUrl: process.env.CMS_URL || 'http://localhost:3000',
      siteUrl: process.env.SITE_URL || 'http://localhost:4321',
      deploysDir: resolveDeploysDir(process.env.DEPLOYS_DIR, process.env.INIT_CWD ?? process.cwd()),
      buildId: process.env.PUBLISH_BUILD_ID || undefined,
      minRatio: Number.isFinite(minRatio) ? minRatio : 0.5,
      ...(Number.isInteger(keep) && keep >= 1 ? { keep } : {}),
      allowShrink: process.argv.includes('--allow-shrink'),
      full: process.argv.includes('--full'),
      liveSiteUrl: process.env.PUBLISH_LIVE_URL || undefined,
      cmsTimeoutMs: timeoutFromEnv(process.env.CMS_TIMEOUT_MS),
      log: (line) => console.log(line),
      onStage: (stage) => console.log(`${publishStagePrefix}${stage}`),
      signal: controller.signal,
    });
    console.log(formatPublishResult({ status: 'succeeded', ...report }));
    return 0;
  } catch (error) {
    const failure: Extract<PublishResult, { status: 'failed' | 'refused' }> =
      error instanceof PublishError
        ? { status: error.status, stage: error.stage, reason: error.reason, message: error.message }
        : { status: 'failed', stage: 'unknown', reason: `La publication a échoué : ${String(error)}`, message: String(error) };
    console.error(`publish ${failure.status}: ${failure.message}`);
    console.log(formatPublishResult(failure));
    return failure.status === 'refused' ? 2 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then((code) => process.exit(code));
}

/**
 * The publishing feature as one Payload plugin, from this folder: the Builds collection
 * (« Publications du site », with its endpoints: request, report, rollback), the `rebuildSite`
 * task on its `publish` queue and its runner (runnerLock.ts, RunnerLocks.ts), the recovery of
 * builds cut off by a restart, the hooks that request a build (triggerRebuild.ts) and record
 * former addresses (recordFormerAddress.ts), the settings and token, and the admin components
 * (components/). Its access rules stay in src/access, one per file, like every other. The
 * pipeline it runs is scripts/src/publish.ts, and the protocol between them is typed in
 * content-schemas/src/publishProtocol.ts.
 */
import type { Config, Plugin } from 'payload';

import { Builds } from './Builds';
import { withRequestedIdIgnored } from '../hooks/ignoreRequestedId';
import { publishAutoRun, rebuildSiteTask } from './rebuildSite';
import { recoverInterruptedBuilds } from './recoverOnInit';
import { recordRunnerBeat } from './runnerLock';

/** `runsJobs`: whether this process runs the job queue (CMS_ROLE, utilities/deployment.ts). */
export function publishingPlugin({ runsJobs }: { runsJobs: boolean }): Plugin {
  return (config: Config): Config => {
    const collections = [...(config.collections ?? [])];
    // Next to « Anciennes adresses », in the admin's « Publication » group, as before.
    const redirects = collections.findIndex((collection) => collection.slug === 'redirects');
    collections.splice(redirects === -1 ? collections.length : redirects, 0, withRequestedIdIgnored(Builds));
    const autoRun = config.jobs?.autoRun;
    if (typeof autoRun === 'function')
      throw new Error('publishingPlugin: jobs.autoRun must be a list to add the publish queue to');
    return {
      ...config,
      // State of the latest publication of the public site, on every admin page.
      admin: {
        ...config.admin,
        components: {
          ...config.admin?.components,
          actions: [...(config.admin?.components?.actions ?? []), '/publishing/components/BuildStatus#BuildStatus'],
        },
      },
      collections,
      jobs: {
        ...config.jobs,
        // `rebuildSite` (queue `publish`: every second, one at a time); production may run
        // `payload jobs:run --queue publish --cron '* * * * * *'` instead.
        // A `web` instance (CMS_ROLE) runs no publication: only the worker does.
        autoRun: runsJobs ? [...(autoRun ?? []), publishAutoRun] : (autoRun ?? []),
        tasks: [...(config.jobs?.tasks ?? []), rebuildSiteTask],
        // Each tick of the runner is its sign of life for /api/health; every 10 s it also looks for a
        // build another runner left half-done (killed, machine lost) and requests it again.
        shouldAutoRun: async (payload) => {
          if (!runsJobs || !(await (config.jobs?.shouldAutoRun?.(payload) ?? true))) return false;
          const beat = await recordRunnerBeat(payload).catch((error: Error) => {
            payload.logger.warn(`jobs: could not record the runner's beat: ${error.message}`);
            return false;
          });
          if (beat) await recoverInterruptedBuilds(payload);
          return true;
        },
      },
      // Builds cut off by a crash or a restart are marked failed and requested again (workers only:
      // a web instance must not judge the builds a worker is running).
      onInit: async (payload) => {
        await config.onInit?.(payload);
        if (runsJobs) await recoverInterruptedBuilds(payload);
      },
    };
  };
}

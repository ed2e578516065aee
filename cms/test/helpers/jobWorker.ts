/**
 * A CMS job runner as its own process: Payload through the Local API with its crons on (the
 * same `jobs.autoRun` as `next start` on a worker), on the database DATABASE_URI names.
 * Used by the tests that start two of them on one SQLite file. Prints WORKER_READY when running.
 */
import { getPayload } from 'payload';

const { default: config } = await import('../../src/payload.config');
const payload = await getPayload({ config, cron: true });
process.stdout.write(`WORKER_READY ${process.pid}\n`);

process.on('SIGTERM', () => {
  void payload.destroy().finally(() => process.exit(0));
});

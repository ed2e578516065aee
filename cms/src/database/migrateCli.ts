/**
 * `npm run migrate --workspace @passerelle/cms`: the committed migrations not yet applied, then a
 * checkpoint, for processes that start on the database right after (the load bench's servers).
 *
 * `payload migrate` exits with the write-ahead log still holding the new schema. The next process
 * to open the file then saw no table at all in about 1 run in 12 here (libSQL 0.4.7, two scripts
 * run one after the other), and its first write lost the migration for good. Ending with a
 * checkpoint leaves everything in passerelle.db and an empty log, as the seed and the import do.
 *
 * It also did nothing at all, now and then: `payload migrate` ended with code 0 and no output,
 * the database untouched (Node 20, about 1 run in 8 at load 5–10). A module loading through
 * tsx's loader thread sometimes never settles; the event loop then empties and Node ends the
 * process — with 0 for Payload's bin (`void start()`), with 13 here (top-level await). Holding
 * the loop with a timer only turned that into a hang. So callers run this again after such an
 * unsettled start (src/publishing/unsettledStart.ts), and wait for the last line, « migrations:
 * done », failing without it (scripts/src/bench/load.ts).
 */
import { getPayload } from 'payload';

import { checkpoint } from './checkpoint';

// Never Drizzle's development push here: it would answer for the migrations (payload.config.ts).
process.env.PAYLOAD_DB_PUSH = 'false';
process.env.PAYLOAD_MIGRATING = 'true';
const { default: config } = await import('../payload.config');
const payload = await getPayload({ config, disableOnInit: true });
await payload.db.migrate();
await checkpoint(payload);
const { totalDocs } = await payload.count({ collection: 'payload-migrations' });
console.log(`migrations: done (${totalDocs} applied)`);
process.exit(0);

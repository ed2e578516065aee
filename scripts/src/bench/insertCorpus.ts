/**
 * Child process of the bench (run with `cms/` as working directory, `DATABASE_URI` pointing at
 * the throw-away database): generates the synthetic corpus and inserts it through Payload's
 * Local API with the seed's own code path — fiches, one Translations document per fiche and
 * language validated through the real workflow, `context.skipRebuild` so no build is queued —
 * and the development logins.
 *
 *   tsx scripts/src/bench/insertCorpus.ts <fiches> <randomSeed>
 *
 * Prints `progress <done> <total>` lines and a final `inserted <json>` line for the bench.
 *
 * Speed: the database is thrown away after the run, so SQLite may skip waiting for the disk
 * after each transaction (`synchronous = OFF`, write-ahead log). That is what makes 1,000 fiches
 * (about 9,000 Local API writes with their hooks) take minutes instead of a quarter of an hour
 * on a busy disk; the Local API and its hooks still do all the work.
 */
import { getPayload } from 'payload';

import { loadSeedData, seed } from '@passerelle/cms/seed';
import { seedPassword } from '@passerelle/cms/seed/users';

import { generateCorpus } from './corpus';

const [fichesArgument = '100', randomSeedArgument = '20261127'] = process.argv.slice(2);
const started = Date.now();
const { default: config } = await import('@passerelle/cms/payload.config');
const payload = await getPayload({ config });
const client = (payload.db as unknown as { client?: { execute: (sql: string) => Promise<unknown> } }).client;
if (client) {
  await client.execute('PRAGMA journal_mode = WAL');
  await client.execute('PRAGMA synchronous = OFF');
}
const corpus = generateCorpus(loadSeedData(), { fiches: Number(fichesArgument), randomSeed: Number(randomSeedArgument) });
const ready = Date.now();
let lastPrinted = 0;
const report = await seed(payload, {
  password: seedPassword({ ...process.env, NODE_ENV: 'development' }),
  data: corpus,
  onFiche: (done, total) => {
    if (done === total || Date.now() - lastPrinted > 2_000) {
      lastPrinted = Date.now();
      console.log(`progress ${done} ${total}`);
    }
  },
});
const finished = Date.now();
// Everything into the database file itself, so copying that one file copies the corpus.
if (client) {
  await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  await client.execute('PRAGMA journal_mode = DELETE');
}
console.log(
  `inserted ${JSON.stringify({ ...report.created, bootMs: ready - started, insertMs: finished - ready, fichesPerSecond: report.created.fiches / ((finished - ready) / 1000) })}`,
);
process.exit(0);

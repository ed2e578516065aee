/**
 * Child process of the bench (run with `cms/` as working directory, `DATABASE_URI` pointing at
 * the throw-away database, `node --expose-gc --import tsx`): generates the synthetic corpus and
 * inserts it the way a real bulk load goes in — the seed's themes, needs, structures and
 * development logins, then every fiche through `importFiches` (`npm run import`): validation,
 * identifiers, one Translations document per language validated through the workflow, one
 * transaction per fiche, `context.skipRebuild` so no build is queued.
 *
 *   node --expose-gc --import tsx scripts/src/bench/insertCorpus.ts <fiches> <randomSeed>
 *
 * Prints `progress <done> <total> <rss MB> <heap used MB> <external MB> <statements cached> <prepared past the cache>` lines and a final `inserted <json>` line for the bench.
 *
 * Speed: the database is thrown away after the run, so SQLite may skip waiting for the disk
 * after each transaction (`synchronous = OFF`, write-ahead log); the Local API and its hooks
 * still do all the work.
 */
import { getPayload } from 'payload';

import { collectWhenGrown, importFiches } from '@passerelle/cms/import';
import { loadSeedData, seed } from '@passerelle/cms/seed';
import { snapshotFichesOf } from '@passerelle/cms/seed/snapshotOf';
import { seedPassword } from '@passerelle/cms/seed/users';

import { preparedStatements } from '../../../cms/src/database/statementCache';
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
// Themes, needs, structures (with their logos) and the logins, as the seed makes them.
const report = await seed(payload, {
  password: seedPassword({ ...process.env, NODE_ENV: 'development' }),
  data: { ...corpus, fiches: [] },
});
const idsOf = async (collection: 'themes' | 'needs' | 'structures' | 'documents') => {
  const { docs } = await payload.find({ collection, pagination: false, depth: 0, select: { slug: true } });
  return new Map(docs.map((doc) => [doc.slug as string, doc.id]));
};
const fiches = snapshotFichesOf(corpus.fiches, {
  themes: await idsOf('themes'),
  needs: await idsOf('needs'),
  structures: await idsOf('structures'),
  documents: await idsOf('documents'),
});
const ready = Date.now();
// The machine is shared: CPU time per fiche says what the import costs whatever the load.
const cpuBefore = process.cpuUsage();
// libSQL frees native results only when their wrappers are collected (docs/scale.md); as `npm run import`.
const memory = collectWhenGrown();
let lastPrinted = 0;
let peakRss = 0;
// As `npm run import` reads its file (one fiche at a time), the bench hands the fiches over one by
// one and lets go of each: holding the whole generated corpus, in two shapes, for the whole run
// made V8 let its heap grow with the corpus (peak RSS 1,887 MB at 3,000 fiches, README).
const total = fiches.length;
corpus.fiches.length = 0;
async function* oneByOne() {
  for (let index = 0; index < total; index += 1) {
    const fiche = fiches[index];
    fiches[index] = undefined as never;
    yield fiche;
  }
}
const imported = await importFiches(
  payload,
  { total, fiches: oneByOne() },
  {
    strict: true,
    afterFiche: () => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      memory.afterFiche();
    },
    onProgress: ({ done, total }) => {
      if (done === total || Date.now() - lastPrinted > 2_000) {
        lastPrinted = Date.now();
        // RSS, then what V8 holds (heap used, external): what grows outside them is native.
        const { rss, heapUsed, external } = process.memoryUsage();
        const mb = (bytes: number) => Math.round(bytes / 1048576);
        const { cached, uncached } = preparedStatements;
        console.log(`progress ${done} ${total} ${mb(rss)} ${mb(heapUsed)} ${mb(external)} ${cached} ${uncached}`);
      }
    },
  },
);
if (imported.failed > 0) {
  for (const problem of imported.problems)
    console.error(`fiche ${problem.position} (${problem.slug}) ${problem.path}: ${problem.message}`);
  process.exit(1);
}
const finished = Date.now();
const cpu = process.cpuUsage(cpuBefore);
// Everything into the database file itself, so copying that one file copies the corpus.
if (client) {
  await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  await client.execute('PRAGMA journal_mode = DELETE');
}
console.log(
  `inserted ${JSON.stringify({ ...report.created, fiches: imported.imported, bootMs: ready - started, insertMs: finished - ready, fichesPerSecond: imported.imported / ((finished - ready) / 1000), peakRssMb: Math.round(peakRss / 1048576), cpuMsPerFiche: Math.round((cpu.user + cpu.system) / 1000 / Math.max(1, imported.imported)), collections: memory.collections() })}`,
);
process.exit(0);

/**
 * Where the bulk import's time goes: imports N fiches of the bench corpus into a throw-away
 * database and prints, per imported fiche, the CPU time, the SQL statements by kind and table,
 * and the time of each Local API operation by collection, locale and context (time spent in
 * nested operations counted once, in the innermost). Run from `cms/`, on a database of its own:
 *
 *   DATABASE_URI=file:/tmp/profile.db PAYLOAD_SECRET=x NODE_ENV=development PAYLOAD_JOBS_AUTORUN=false \
 *     node --import tsx ../scripts/src/bench/profileImport.ts 20
 *
 * Add `--cpu-prof` to node for a V8 profile. docs/scale.md says what it found.
 */
import { getPayload, type Payload } from 'payload';

import { importFiches } from '@passerelle/cms/import';
import { loadSeedData, seed } from '@passerelle/cms/seed';
import { snapshotFichesOf } from '@passerelle/cms/seed/snapshotOf';
import { seedPassword } from '@passerelle/cms/seed/users';

import { countByTable, recordQueries } from '../../../cms/src/database/queryLog';
import { generateCorpus } from './corpus';

const fichesWanted = Number(process.argv[2] ?? '20');
const { default: config } = await import('@passerelle/cms/payload.config');
const payload = await getPayload({ config });
const corpus = generateCorpus(loadSeedData(), { fiches: fichesWanted, randomSeed: 20261127 });
await seed(payload, { password: seedPassword({ ...process.env, NODE_ENV: 'development' }), data: { ...corpus, fiches: [] } });
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

// Each Local API operation timed, minus the operations it made itself.
type Call = { key: string; nested: number };
const open: Call[] = [];
const operations = new Map<string, { count: number; ms: number }>();
for (const name of ['create', 'update', 'find', 'findByID', 'count', 'findVersions'] as const) {
  const original = (payload[name] as (args: never) => Promise<unknown>).bind(payload);
  (payload as unknown as Record<string, unknown>)[name] = async (args: {
    collection: string;
    locale?: string;
    draft?: boolean;
    context?: object;
  }) => {
    const call: Call = {
      key: `${name} ${args.collection} ${args.locale ?? ''}${args.draft ? ' draft' : ''} ${Object.keys(args.context ?? {}).join(',')}`,
      nested: 0,
    };
    open.push(call);
    const started = performance.now();
    try {
      return await original(args as never);
    } finally {
      const elapsed = performance.now() - started;
      open.splice(open.indexOf(call), 1);
      const parent = open.at(-1);
      if (parent) parent.nested += elapsed;
      const total = operations.get(call.key) ?? { count: 0, ms: 0 };
      total.count += 1;
      total.ms += elapsed - call.nested;
      operations.set(call.key, total);
    }
  };
}

const stop = recordQueries();
const cpuBefore = process.cpuUsage();
const started = Date.now();
const report = await importFiches(payload as Payload, fiches, { strict: true });
const wallMs = Date.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const statements = stop();
if (report.failed > 0) throw new Error(JSON.stringify(report.problems));

const per = (value: number) => (value / report.imported).toFixed(1).padStart(7);
const byTable = countByTable(statements);
console.log(
  `${report.imported} fiches: ${(wallMs / report.imported).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000 / report.imported).toFixed(0)} ms CPU and ${per(statements.length).trim()} statements per fiche`,
);
// Each distinct text is prepared once per connection (database/statementCache.ts): few is good.
console.log(`${new Set(statements.map(({ sql }) => sql)).size} distinct SQL texts over ${statements.length} statements`);
console.log('statements per fiche:');
for (const [key, count] of [...byTable].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${per(count)}  ${key}`);
console.log('operations per fiche (ms of their own, count):');
for (const [key, { count, ms }] of [...operations].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
  console.log(`${per(ms)} ms ${per(count)} × ${key}`);
process.exit(0);

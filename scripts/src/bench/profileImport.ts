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
import Database from 'libsql';
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

// Each Local API operation, collection hook and database adapter call timed (wall and CPU, the
// machine being shared), minus the timed calls it made itself. Fiches go in one after the other,
// so CPU time measured across an await belongs to that call.
type Call = { key: string; nestedWall: number; nestedCpu: number };
const open: Call[] = [];
const operations = new Map<string, { count: number; wall: number; cpu: number }>();
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
async function timed<T>(key: string, work: () => Promise<T> | T): Promise<T> {
  const call: Call = { key, nestedWall: 0, nestedCpu: 0 };
  open.push(call);
  const wallStart = performance.now();
  const cpuStart = cpuNow();
  try {
    return await work();
  } finally {
    const wall = performance.now() - wallStart;
    const cpu = cpuNow() - cpuStart;
    open.splice(open.indexOf(call), 1);
    const parent = open.at(-1);
    if (parent) {
      parent.nestedWall += wall;
      parent.nestedCpu += cpu;
    }
    const total = operations.get(key) ?? { count: 0, wall: 0, cpu: 0 };
    total.count += 1;
    total.wall += wall - call.nestedWall;
    total.cpu += cpu - call.nestedCpu;
    operations.set(key, total);
  }
}
for (const name of ['create', 'update', 'find', 'findByID', 'count', 'findVersions'] as const) {
  const original = (payload[name] as (args: never) => Promise<unknown>).bind(payload);
  (payload as unknown as Record<string, unknown>)[name] = (args: {
    collection: string;
    locale?: string;
    draft?: boolean;
    context?: object;
  }) =>
    timed(
      `${name} ${args.collection} ${args.locale ?? ''}${args.draft ? ' draft' : ''} ${Object.keys(args.context ?? {}).join(',')}`,
      () => original(args as never),
    );
}
for (const collection of payload.config.collections) {
  for (const [kind, hooks] of Object.entries(collection.hooks ?? {}) as [string, unknown][]) {
    if (!Array.isArray(hooks)) continue;
    hooks.forEach((hook: (args: never) => unknown, index) => {
      hooks[index] = (args: never) => timed(`hook ${collection.slug}.${kind} ${hook.name || index}`, () => hook(args));
    });
  }
}
const db = payload.db as unknown as Record<string, (args: { collection?: string }) => Promise<unknown>>;
for (const name of [
  'create',
  'find',
  'findOne',
  'updateOne',
  'createVersion',
  'updateVersion',
  'findVersions',
  'count',
  'deleteMany',
]) {
  const original = db[name]?.bind(payload.db);
  if (original) db[name] = (args) => timed(`db.${name} ${args?.collection ?? ''}`, () => original(args));
}

// Time inside SQLite (the binding's run/all/iterate) by verb and table: what the database itself
// costs, apart from Drizzle and Payload around it.
const sqliteMs = new Map<string, { wall: number; cpu: number }>();
// Each all() leaves a native result behind in libsql 0.4.7 (docs/scale.md, section 3).
const bindingCalls = { run: 0, all: 0 };
const sqlOf = new WeakMap<object, string>();
const databasePrototype = Database.prototype as unknown as { prepare: (sql: string, ...rest: unknown[]) => object };
const prepare = databasePrototype.prepare;
const timedPrototypes = new WeakSet<object>();
databasePrototype.prepare = function timedPrepare(sql, ...rest) {
  const statement = prepare.call(this, sql, ...rest);
  if (typeof sql === 'string') sqlOf.set(statement, sql);
  const prototype = Object.getPrototypeOf(statement) as Record<'run' | 'all', (...args: unknown[]) => unknown>;
  if (!timedPrototypes.has(prototype)) {
    timedPrototypes.add(prototype);
    for (const name of ['run', 'all'] as const) {
      const original = prototype[name];
      prototype[name] = function timed(this: object, ...args: unknown[]) {
        bindingCalls[name] += 1;
        const started = performance.now();
        const cpu = process.cpuUsage();
        try {
          return original.apply(this, args);
        } finally {
          const used = process.cpuUsage(cpu);
          const key = [...countByTable([{ sql: sqlOf.get(this) ?? '?' }]).keys()][0] ?? '?';
          const total = sqliteMs.get(key) ?? { wall: 0, cpu: 0 };
          total.wall += performance.now() - started;
          total.cpu += (used.user + used.system) / 1000;
          sqliteMs.set(key, total);
        }
      };
    }
  }
  return statement;
};

// Experiments: PROFILE_PRAGMAS='synchronous = OFF; cache_size = -65536' runs them before the import.
const client = (payload.db as unknown as { client?: { execute: (sql: string) => Promise<unknown> } }).client;
for (const pragma of (process.env.PROFILE_PRAGMAS ?? '').split(';').filter((text) => text.trim()))
  await client?.execute(`PRAGMA ${pragma.trim()}`);

// How much of the import holds SQLite's write lock (BEGIN IMMEDIATE … COMMIT): a second importer
// process could only use the rest, the WAL letting one writer at a time.
const locked = { cpu: 0, wall: 0, since: undefined as { cpu: number; wall: number } | undefined };
if (client) {
  const execute = client.execute.bind(client);
  client.execute = async (statement: string) => {
    const text = typeof statement === 'string' ? statement.trim().toUpperCase() : '';
    const result = await execute(statement);
    if (text.startsWith('BEGIN')) locked.since = { cpu: cpuNow(), wall: performance.now() };
    if ((text === 'COMMIT' || text === 'ROLLBACK') && locked.since) {
      locked.cpu += cpuNow() - locked.since.cpu;
      locked.wall += performance.now() - locked.since.wall;
      locked.since = undefined;
    }
    return result;
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
console.log(
  `inside the fiches' transactions (SQLite's write lock held): ${((100 * locked.cpu * 1000) / Math.max(1, cpu.user + cpu.system)).toFixed(0)} % of the CPU time, ${((100 * locked.wall) / Math.max(1, wallMs)).toFixed(0)} % of the wall time`,
);
// Each distinct text is prepared once per connection (database/statementCache.ts): few is good.
console.log(`${new Set(statements.map(({ sql }) => sql)).size} distinct SQL texts over ${statements.length} statements`);
// PROFILE_SQL_FILE=path writes each distinct text with its count, most frequent first.
if (process.env.PROFILE_SQL_FILE) {
  const counts = new Map<string, number>();
  for (const { sql } of statements) counts.set(sql, (counts.get(sql) ?? 0) + 1);
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    process.env.PROFILE_SQL_FILE,
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([sql, count]) => `${count}\t${sql}`)
      .join('\n'),
  );
}
console.log('statements per fiche:');
for (const [key, count] of [...byTable].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${per(count)}  ${key}`);
const sqliteWall = [...sqliteMs.values()].reduce((sum, { wall }) => sum + wall, 0);
const sqliteCpu = [...sqliteMs.values()].reduce((sum, { cpu }) => sum + cpu, 0);
console.log(`binding calls per fiche: ${per(bindingCalls.all).trim()} all() (rows back), ${per(bindingCalls.run).trim()} run()`);
console.log(
  `time in SQLite per fiche: ${per(sqliteWall).trim()} ms wall, ${per(sqliteCpu).trim()} ms CPU; by statement (wall, CPU):`,
);
for (const [key, { wall, cpu }] of [...sqliteMs].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 15))
  console.log(`${per(wall)} ms ${per(cpu)} ms  ${key}`);
console.log('operations, hooks and database calls per fiche (ms of their own: wall, CPU; count):');
for (const [key, { count, wall, cpu }] of [...operations].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 30))
  console.log(`${per(wall)} ms ${per(cpu)} ms ${per(count)} × ${key}`);
process.exit(0);

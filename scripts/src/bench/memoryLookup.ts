/**
 * Child process of `npm run bench -- --memory [N]` (working directory `cms/`, `DATABASE_URI` on
 * a throw-away database): the translation memory's lookup at the bench's size without the
 * hour-long import. The corpus of `npm run bench` (N fiches), its memory rows for every
 * language written straight from `segmentsOf` — the rows memory/store.ts writes when every unit
 * is validated — then lookups of the units of random fiches in Arabic, as the side-by-side view
 * asks them (the fiche's own translation left out): p50/p95 wall time, and CPU time per lookup
 * (JavaScript and SQLite), which on this shared machine says what a lookup costs whatever the load.
 *
 *   node --import tsx scripts/src/bench/memoryLookup.ts <fiches> <lookups> <randomSeed>
 *
 * Prints one `memory <json>` line.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import { getPayload } from 'payload';

import { locales } from '@passerelle/content-schemas';
import { loadSeedData } from '@passerelle/cms/seed';
import { snapshotFichesOf } from '@passerelle/cms/seed/snapshotOf';
import { bandsOf, frenchHash, memoryMatches, piecesOf, segmentsOf, unitKeysOf } from '@passerelle/cms/translationMemory';

import { generateCorpus } from './corpus';
import { percentile } from './stats';

const [fichesArgument = '1000', lookupsArgument = '200', randomSeedArgument = '20261127'] = process.argv.slice(2);
const { default: config } = await import('@passerelle/cms/payload.config');
const payload = await getPayload({ config });
const client = (
  payload.db as unknown as {
    client?: { execute: (statement: string | { sql: string; args: unknown[] }) => Promise<{ rows: unknown[] }> };
  }
).client;
if (!client) throw new Error('memoryLookup: SQLite only (the bench database)');
await client.execute('PRAGMA synchronous = OFF');

const corpus = generateCorpus(loadSeedData(), { fiches: Number(fichesArgument), randomSeed: Number(randomSeedArgument) });
// Taxonomy ids do not matter to the memory: every key stands for its own id.
const anyKey = { get: (key: string) => key, has: () => true } as never;
type Content = Record<string, unknown>;
const fiches = snapshotFichesOf(corpus.fiches, {
  themes: anyKey,
  needs: anyKey,
  structures: anyKey,
  documents: anyKey,
}) as Content[];
const pick = (value: unknown, locale: string) =>
  value && typeof value === 'object' ? ((value as Record<string, unknown>)[locale] ?? null) : null;
const fields = ['title', 'brandName', 'administrationName', 'summary', 'changeNote', 'what', 'why', 'how', 'next', 'documents'];
const contentIn = (fiche: Content, locale: string): Content =>
  Object.fromEntries(fields.map((key) => [key, pick(fiche[key], locale)]));

const columns = [
  'id',
  'language',
  'translation',
  'fiche',
  'unit',
  'scope',
  'french',
  'target',
  'hash',
  'band0',
  'band1',
  'band2',
  'band3',
];
const translationId = (fiche: Content, language: string) => `${language}-${String(fiche.id)}`;
const insertStarted = performance.now();
await client.execute('BEGIN');
let batch: unknown[][] = [];
const flush = async () => {
  if (batch.length === 0) return;
  const placeholders = batch.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
  await client.execute({
    sql: `insert into translation_memory (${columns.map((name) => `"${name}"`).join(', ')}) values ${placeholders}`,
    args: batch.flat(),
  });
  batch = [];
};
let memoryRows = 0;
for (const fiche of fiches) {
  const french = contentIn(fiche, 'fr');
  for (const { code: language } of locales.filter((locale) => locale.code !== 'fr')) {
    const target = contentIn(fiche, language);
    if (!target.title) continue;
    for (const segment of segmentsOf(french as never, target as never, unitKeysOf(french as never))) {
      const bands = bandsOf(language, segment.french);
      batch.push([
        randomUUID(),
        language,
        translationId(fiche, language),
        String(fiche.id),
        segment.unit,
        segment.scope,
        segment.french,
        segment.target,
        frenchHash(language, segment.french),
        bands[0] ?? null,
        bands[1] ?? null,
        bands[2] ?? null,
        bands[3] ?? null,
      ]);
      memoryRows += 1;
      if (batch.length === 50) await flush();
    }
  }
}
await flush();
await client.execute('COMMIT');
const insertMs = Math.round(performance.now() - insertStarted);

const lookups = Number(lookupsArgument);
const wall: number[] = [];
const cpu: number[] = [];
let state = 42;
const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
let matches = 0;
for (let round = 0; round < lookups; round += 1) {
  const fiche = fiches[Math.floor(random() * fiches.length)]!;
  const french = contentIn(fiche, 'fr');
  const keys = unitKeysOf(french as never);
  const unit = piecesOf(french as never, keys[Math.floor(random() * keys.length)]!)!;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  matches += (await memoryMatches(payload, { language: 'ar', unit, excludeTranslation: translationId(fiche, 'ar') })).length;
  const used = process.cpuUsage(cpuBefore);
  wall.push(performance.now() - started);
  cpu.push((used.user + used.system) / 1000);
}
const round1 = (value: number) => Math.round(value * 10) / 10;
console.log(
  `memory ${JSON.stringify({
    fiches: fiches.length,
    memoryRows,
    insertMs,
    lookups,
    matchesPerLookup: round1(matches / lookups),
    p50: round1(percentile(wall, 50)),
    p95: round1(percentile(wall, 95)),
    cpuP50: round1(percentile(cpu, 50)),
    cpuP95: round1(percentile(cpu, 95)),
  })}`,
);
process.exit(0);

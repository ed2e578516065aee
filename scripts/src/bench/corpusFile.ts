/**
 * Writes the bench corpus as an import file, for timing `npm run import` itself: seeds the
 * themes, needs, structures, shared documents and logins into `DATABASE_URI` (as the bench's
 * insert does), then writes `<dir>/fiches.json` — N fiches in the published snapshot's shape,
 * their references being that database's ids — and the snapshot's other files, so the import
 * matches them by slug as it would for a real snapshot. Run from `cms/`:
 *
 *   DATABASE_URI=file:/tmp/import.db PAYLOAD_SECRET=x NODE_ENV=development \
 *     node --import tsx ../scripts/src/bench/corpusFile.ts 1000 /tmp/corpus-1000
 *   DATABASE_URI=file:/tmp/import.db PAYLOAD_SECRET=x npm run import -- /tmp/corpus-1000/fiches.json
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { getPayload } from 'payload';

import { loadSeedData, seed } from '@passerelle/cms/seed';
import { snapshotFichesOf } from '@passerelle/cms/seed/snapshotOf';
import { seedPassword } from '@passerelle/cms/seed/users';

import { generateCorpus } from './corpus';

const [fichesArgument = '100', directory = 'corpus-file', randomSeedArgument = '20261127'] = process.argv.slice(2);
process.env.PAYLOAD_JOBS_AUTORUN = 'false';
const { default: config } = await import('@passerelle/cms/payload.config');
const payload = await getPayload({ config });
const corpus = generateCorpus(loadSeedData(), { fiches: Number(fichesArgument), randomSeed: Number(randomSeedArgument) });
await seed(payload, { password: seedPassword({ ...process.env, NODE_ENV: 'development' }), data: { ...corpus, fiches: [] } });
const ids: Record<string, Map<string, string>> = {};
await mkdir(directory, { recursive: true });
for (const collection of ['themes', 'needs', 'structures', 'documents'] as const) {
  const { docs } = await payload.find({ collection, pagination: false, depth: 0, select: { slug: true } });
  ids[collection] = new Map(docs.map((doc) => [doc.slug as string, doc.id]));
  await writeFile(path.join(directory, `${collection}.json`), JSON.stringify(docs.map(({ id, slug }) => ({ id, slug }))));
}
const fiches = snapshotFichesOf(corpus.fiches, {
  themes: ids.themes!,
  needs: ids.needs!,
  structures: ids.structures!,
  documents: ids.documents!,
});
await writeFile(path.join(directory, 'fiches.json'), JSON.stringify(fiches));
console.log(`${fiches.length} fiches written to ${path.resolve(directory, 'fiches.json')}`);
process.exit(0);

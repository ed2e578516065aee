/**
 * A snapshot of the bench's synthetic corpus (scripts/src/bench/corpus.ts) in the shape the site
 * builds from (`SNAPSHOT_DIR`), made without the CMS: the fixture snapshot's themes, needs,
 * structures and media, and N generated fiches mapped as `snapshotFichesOf` maps them for the
 * import. For measuring the built site at scale (page weights, the search's bytes) in minutes
 * instead of the bench's hour of inserting and exporting:
 *
 *   npx tsx scripts/src/bench/siteSnapshot.ts /tmp/snapshot-1000 1000 [randomSeed]
 *   SNAPSHOT_DIR=/tmp/snapshot-1000 SITE_URL=https://passerelle.example npx astro build --outDir /tmp/dist-1000   (in site/)
 *   npx tsx site/test/measureSearch.ts /tmp/dist-1000 fr logement q=travail
 *
 * What it lacks against a CMS export: per-unit translation states (`translationStatus`, optional
 * in the contract; every present translation counts as current) and change notes.
 */
import { randomUUID } from 'node:crypto';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadSeedData } from '@passerelle/cms/seed';
import { snapshotFichesOf } from '@passerelle/cms/seed/snapshotOf';
import { fixtureSnapshotDir as fixtureDir } from '@passerelle/content-schemas/repository';

import { generateCorpus } from './corpus';

type Row = { id: string; slug: string; name?: string } & Record<string, unknown>;

export async function writeSiteSnapshot(
  outDir: string,
  fiches: number,
  randomSeed?: number,
): Promise<{ fiches: number; structures: number }> {
  const corpus = generateCorpus(loadSeedData(), { fiches, ...(randomSeed === undefined ? {} : { randomSeed }) });
  const read = async (name: string) => JSON.parse(await readFile(path.join(fixtureDir, `${name}.json`), 'utf8')) as Row[];
  const [themes, needs, structures, documents] = await Promise.all([
    read('themes'),
    read('needs'),
    read('structures'),
    read('documents'),
  ]);
  // The fixture keeps 4 of the seed's structures: the others are copies of the first under the
  // seed's slug and name, enough for the pages and the search that name them.
  const model = structures[0];
  if (!model) throw new Error('the fixture snapshot has no structure');
  for (const structure of corpus.structures) {
    if (structures.some((row) => row.slug === structure.id)) continue;
    structures.push({
      ...model,
      id: randomUUID(),
      slug: structure.id,
      name: structure.name,
      acronym: structure.acronym ?? null,
      logo: null,
    });
  }
  const ids = (rows: Row[]) => new Map(rows.map((row) => [row.slug, row.id]));
  const snapshotFiches = snapshotFichesOf(corpus.fiches, {
    themes: ids(themes),
    needs: ids(needs),
    structures: ids(structures),
    documents: ids(documents),
  });
  await mkdir(outDir, { recursive: true });
  await cp(fixtureDir, outDir, { recursive: true });
  await writeFile(path.join(outDir, 'structures.json'), JSON.stringify(structures));
  await writeFile(path.join(outDir, 'fiches.json'), JSON.stringify(snapshotFiches));
  const counts = {
    fiches: snapshotFiches.length,
    themes: themes.length,
    needs: needs.length,
    structures: structures.length,
    media: 2,
  };
  await writeFile(
    path.join(outDir, 'manifest.json'),
    JSON.stringify({ source: `bench corpus, ${fiches} fiches, no CMS (scripts/src/bench/siteSnapshot.ts)`, counts }, null, 2),
  );
  return { fiches: snapshotFiches.length, structures: structures.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [outDir, count = '1000', seed] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: siteSnapshot.ts <out dir> [fiches] [randomSeed]');
    process.exit(1);
  }
  console.log(await writeSiteSnapshot(path.resolve(outDir), Number(count), seed === undefined ? undefined : Number(seed)));
}

/**
 * Child process of `npm run bench -- --scale` (working directory `cms/`, `DATABASE_URI` on an
 * inserted corpus): p50/p95 of what each editor's screen asks of the database, through the
 * Local API exactly as the admin's server components call it — the fiche list (page 1 and 50,
 * search, filters), the translations list, the dashboards, a fiche's edit view — and of a
 * publish (a French title change published, hooks included, no site build queued).
 *
 * This times the data side of each screen, not the page in a browser: no Next rendering, no
 * network. Each timing checks that the screen got rows, so an empty answer is not counted.
 *
 * Prints one `timings <json>` line.
 */
import { performance } from 'node:perf_hooks';

import { getPayload, type Where } from 'payload';

import { adminList } from '@passerelle/cms/adminList';
import { coverage, reviewQueue, workList } from '@passerelle/cms/dashboard';
import { memoryMatches, piecesOf, unitKeysOf } from '@passerelle/cms/translationMemory';

import { percentile } from './stats';

const samples = Number(process.argv[2] ?? '20');
const { default: config } = await import('@passerelle/cms/payload.config');
const payload = await getPayload({ config });

async function userOf(email: string) {
  const { docs } = await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1, depth: 0 });
  if (!docs[0]) throw new Error(`no user ${email} in the corpus`);
  return docs[0];
}
const editor = await userOf('editor@passerelle.test');
const expert = await userOf('expert-ar@passerelle.test');

type Timing = { p50: number; p95: number; samples: number };
async function time(name: string, run: () => Promise<number>): Promise<[string, Timing]> {
  // Said before each figure: if this process ever stops early, the scale run's tail names the step.
  console.log(`timing ${name}`);
  if ((await run()) === 0) throw new Error(`${name}: the screen got no rows`);
  const durations: number[] = [];
  for (let sample = 0; sample < samples; sample += 1) {
    const started = performance.now();
    await run();
    durations.push(performance.now() - started);
  }
  return [name, { p50: percentile(durations, 50), p95: percentile(durations, 95), samples }];
}

// The list and the draft-status query the admin sends, as the query-plan guards check them.
const list =
  (collection: 'fiches' | 'translations', user: typeof editor, where: Where = {}, page = 1) =>
  async () =>
    (await adminList(payload, collection, user, { where, page })).docs.length;

const { docs: someFiches } = await payload.find({
  collection: 'fiches',
  limit: samples + 1,
  depth: 0,
  locale: 'fr',
  sort: 'slug',
});
const totalFiches = (await payload.count({ collection: 'fiches' })).totalDocs;
const lastPage = Math.max(1, Math.min(50, Math.ceil(totalFiches / 10)));
const word = (someFiches[0]?.title ?? 'carte').split(/\s+/).find((part) => part.length > 4) ?? 'carte';

let memoryRound = 0;
const { docs: arabic } = await payload.find({
  collection: 'translations',
  where: { and: [{ language: { equals: 'ar' } }, { fiche: { in: someFiches.map((fiche) => fiche.id) } }] },
  limit: someFiches.length,
  depth: 0,
  select: { fiche: true },
});
const arabicTranslations = new Map(arabic.map((doc) => [typeof doc.fiche === 'object' ? doc.fiche.id : doc.fiche, doc.id]));
const memoryRows = (await payload.count({ collection: 'translation-memory' })).totalDocs;

const timings = Object.fromEntries([
  await time('fiche list, page 1', list('fiches', editor)),
  await time('fiche list, last page (≤ 50)', list('fiches', editor, {}, lastPage)),
  await time(
    `fiche list, search « ${word} »`,
    list('fiches', editor, { or: [{ title: { like: word } }, { slug: { like: word } }, { shortId: { like: word } }] }),
  ),
  await time('fiche list, status published', list('fiches', editor, { _status: { equals: 'published' } })),
  await time('fiche list, type dispositif', list('fiches', editor, { type: { equals: 'dispositif' } })),
  await time(
    'translations list, ar validated',
    list('translations', expert, { and: [{ language: { equals: 'ar' } }, { status: { equals: 'validated' } }] }),
  ),
  await time('dashboard coverage', async () => Object.keys(await coverage(payload)).length),
  await time('dashboard work list (ar)', async () => (await workList(payload, ['ar'])).total + 1),
  await time('dashboard review queue (ar)', async () => (await reviewQueue(payload, ['ar'])).rows.length + 1),
  // The side-by-side view asks the memory once per unit left to translate: each unit of a fiche,
  // in Arabic, its own translation left out (as for a fiche not translated yet).
  await time('translation memory lookup (ar, one unit)', async () => {
    const fiche = someFiches[memoryRound++ % someFiches.length]!;
    const keys = unitKeysOf(fiche as never);
    const key = keys[memoryRound % keys.length]!;
    const translation = arabicTranslations.get(fiche.id);
    await memoryMatches(payload, { language: 'ar', unit: piecesOf(fiche as never, key)!, excludeTranslation: translation });
    return 1;
  }),
  // As the edit view reads it (@payloadcms/next views/Document/getDocumentData.js): depth 0, no fallback.
  await time('edit view (fiche, draft)', async () => {
    const fiche = await payload.findByID({
      collection: 'fiches',
      id: someFiches[0]!.id,
      draft: true,
      depth: 0,
      fallbackLocale: false,
      locale: 'fr',
      overrideAccess: false,
      user: editor,
    });
    return fiche.id ? 1 : 0;
  }),
]);

// Publish: a French title change published, as « Publier » sends it (hooks, versions, outdated units).
let round = 0;
const [, publish] = await time('publish', async () => {
  const fiche = someFiches[round % someFiches.length]!;
  round += 1;
  await payload.update({
    collection: 'fiches',
    id: fiche.id,
    locale: 'fr',
    depth: 0,
    data: { title: `${fiche.title} (${round})`, _status: 'published' },
    overrideAccess: false,
    user: editor,
    context: { skipRebuild: true },
  });
  return 1;
});

console.log(`timings ${JSON.stringify({ fiches: totalFiches, lastPage, memoryRows, ...timings, publish })}`);
process.exit(0);

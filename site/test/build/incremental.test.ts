/**
 * Incremental publication (docs/publishing.md, scripts/src/incremental.ts): after a change, the
 * deploy made of the pages it touches, rendered alone, plus every other file hard-linked from
 * the live deploy, then the whole-site passes (CSS pruning, search index, service worker), is
 * the full build of the same content: same files, same bytes.
 *
 * To fit the CI budget, one content change holds every kind of change at once (a theme and a
 * media edit included), each on its own
 * fiche where the five fixture fiches allow it; the live deploy is the suite's fixture build
 * (test-dist/, built once by the global setup), so the test pays for one partial build and one
 * full build. Which pages each kind of change touches is tested change by change, without
 * building, in scripts/test/incremental.test.ts.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { localeCodes } from '@passerelle/content-schemas';
import { filesIn } from '@passerelle/content-schemas/fileListing';

import postcss from 'postcss';
import sharp from 'sharp';

import { runWholeSitePasses } from '../../src/integrations/wholeSitePasses';
import { buildSearchIndex, type SearchRecord } from '../../src/integrations/searchIndex';
import { pruneCss, withoutNeverWritten } from '../../src/integrations/pruneUnusedCss';
import {
  madeByPublication,
  mergeDeploy,
  planBuild,
  readSnapshot,
  relinkUnchanged,
  stylesheetsOf,
} from '../../../scripts/src/incremental';
import { fixtureSnapshotDir, siteRoot, testDistDir, testSiteUrl } from '../helpers/paths';

// Inside site/: Astro writes straight only into a folder under its root (scripts/src/siteBuild.ts).
const work = path.join(siteRoot, 'node_modules', '.cache', 'passerelle-incremental-test');
const changedSnapshot = path.join(work, 'snapshot');
const rendered = path.join(work, 'rendered');
const merged = path.join(work, 'merged');
const full = path.join(work, 'full');

type Json = Record<string, unknown>;

/** Every localized value of a document (objects keyed by 'fr'…), recursively. */
function eachLocalized(value: unknown, visit: (texts: Json) => void): void {
  if (Array.isArray(value)) for (const item of value) eachLocalized(item, visit);
  else if (value && typeof value === 'object') {
    const object = value as Json;
    if ('fr' in object && Object.keys(object).every((key) => (localeCodes as readonly string[]).includes(key))) visit(object);
    else for (const child of Object.values(object)) eachLocalized(child, visit);
  }
}

/**
 * The fixture content after one of each kind of change an editor or translator makes (the
 * comments name the list).
 */
async function writeChangedContent(): Promise<void> {
  await rm(changedSnapshot, { recursive: true, force: true });
  await cp(fixtureSnapshotDir, changedSnapshot, { recursive: true });
  const read = async (name: string) => JSON.parse(await readFile(path.join(changedSnapshot, `${name}.json`), 'utf8')) as Json[];
  const write = (name: string, documents: Json[]) =>
    writeFile(path.join(changedSnapshot, `${name}.json`), JSON.stringify(documents, null, 2));
  const fiches = await read('fiches');
  const bySlug = (slug: string) => {
    const fiche = fiches.find((entry) => entry.slug === slug);
    if (!fiche) throw new Error(`no fixture fiche ${slug}`);
    return fiche;
  };
  const later = '2026-12-01T09:00:00.000Z';

  // A French update that outdates a section, with a new change note.
  const carteVitale = bySlug('carte-vitale');
  (carteVitale.summary as Json).fr =
    'Votre carte Vitale prouve vos droits à l’Assurance Maladie : demandez-la dès votre affiliation.';
  const arabic = (carteVitale.translationStatus as Record<string, Record<string, Json>>).ar;
  if (arabic?.summary) Object.assign(arabic.summary, { state: 'outdated', frenchChangedAt: later });
  carteVitale.changeNote = { fr: 'Nouveau : la carte peut être demandée dès l’affiliation.' };
  carteVitale.changeNoteDate = later;
  carteVitale.updatedAt = later;

  // A fiche that stops being translated in a language (uk), and becomes translated in another
  // (ar: a translation validated).
  const complementaire = bySlug('complementaire-sante-solidaire');
  eachLocalized(complementaire, (texts) => {
    delete texts.uk;
    if (texts.en !== undefined && texts.ar === undefined) texts.ar = texts.en;
  });
  if (complementaire.translationStatus) delete (complementaire.translationStatus as Json).uk;
  complementaire.updatedAt = later;

  // A slug change (its old address disappears; the 301 is written by the publisher).
  const protection = bySlug('protection-universelle-maladie');
  protection.slug = 'protection-universelle-maladie-puma';

  // An unpublished fiche, and a newly published one (in another département).
  const unpublished = bySlug('permanence-sante-exil');
  const published = structuredClone(protection);
  Object.assign(published, {
    id: '5d0f5a8e-7c43-4d55-9a5e-2f6c1b7e9d01',
    slug: 'aide-medicale-paris',
    shortId: 'k3m7pq',
    title: { ...(published.title as Json), fr: 'Se faire soigner à Paris sans couverture' },
    infocards: { ...(published.infocards as Json), location: { scope: 'departements', departements: ['75'] } },
    createdAt: later,
    updatedAt: later,
  });
  await write('fiches', [...fiches.filter((fiche) => fiche !== unpublished), published]);

  // A structure and a need edited. halte-garderie-insertion (Isère) names neither, nor the
  // structure whose logo changes below, and links to no fiche: its pages are kept from the live deploy.
  const structures = await read('structures');
  const caf = structures.find((structure) => structure.slug === 'assurance-maladie');
  if (!caf) throw new Error('no fixture structure assurance-maladie');
  caf.acronym = 'AM';
  caf.updatedAt = later;
  await write('structures', structures);
  const needs = await read('needs');
  const need = needs.find((entry) => entry.id === '4bcc8709-f62b-44e7-8023-b9d3711d3d84');
  if (!need) throw new Error('no fixture need 4bcc8709');
  eachLocalized(need.name, (texts) => {
    texts.fr = 'Payer ses soins (mutuelle)';
  });
  need.updatedAt = later;
  await write('needs', needs);

  // A theme's description and icon edited (shown on the homes, theme pages and embeds only).
  const themes = await read('themes');
  const [health, other] = themes;
  if (!health || !other) throw new Error('expected two fixture themes');
  health.description = { ...(health.description as Json), fr: 'Se soigner, être remboursé : vos droits à la santé en France.' };
  health.icon = other.icon;
  health.updatedAt = later;
  await write('themes', themes);

  // A media replaced: Accueil Santé Exil's logo gets another image and another text. Its old
  // images must leave the deploy, as a full build would not make them.
  const media = await read('media');
  const logo = media.find((entry) => entry.filename === 'logo-accueil-sante-exil.png');
  if (!logo) throw new Error('no fixture media logo-accueil-sante-exil.png');
  const logoFile = path.join(changedSnapshot, 'media', 'logo-accueil-sante-exil.png');
  const image = await sharp(await readFile(logoFile))
    .flop()
    .png()
    .toBuffer();
  await writeFile(logoFile, image);
  (logo.alt as Json).fr = 'Logo d’Accueil Santé Exil (nouvelle version)';
  logo.filesize = image.byteLength;
  logo.updatedAt = later;
  await write('media', media);
}

async function astroBuild(outDir: string, env: Record<string, string>): Promise<void> {
  const astro = path.join(siteRoot, 'node_modules/.bin/astro');
  const bin = existsSync(astro) ? astro : path.resolve(siteRoot, '../node_modules/.bin/astro');
  await rm(outDir, { recursive: true, force: true });
  try {
    await promisify(execFile)(bin, ['build', '--outDir', outDir], {
      cwd: siteRoot,
      env: {
        ...process.env,
        SNAPSHOT_DIR: changedSnapshot,
        SITE_URL: testSiteUrl,
        CMS_URL: '',
        ASTRO_TELEMETRY_DISABLED: '1',
        ...env,
      },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`astro build failed:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`);
  }
}

/**
 * Declared build stamps: Pagefind 1.5.2 writes its filter files, its per-language metadata and
 * its entry file in a different order on every run, even from the same pages (two full builds of
 * the same site differ there), so their names and bytes cannot be compared; their number per
 * folder and language, and the page count of each language, are. Its index chunks and page
 * fragments are deterministic and compared byte for byte like every other file.
 */
const buildStamp = /^pagefind\/(?:filter\/|pagefind\.[a-z]+_[0-9a-f]+\.pf_meta$|pagefind-entry\.json$)/;

function stampCounts(files: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const file of files.filter((entry) => buildStamp.test(entry))) {
    const key = file.replace(/[0-9a-f]{7,}/g, '#');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const timings: Record<string, number> = {};
let plan: ReturnType<typeof planBuild>;
let liveInodes: Map<string, number>;
let liveHashes: Map<string, string>;
/** The stylesheet as Vite wrote it, before pruning (the partial build leaves it to the publisher). */
let unprunedCss: string;
let relinked: number;

const hashOf = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

describe('incremental publication', () => {
  beforeAll(async () => {
    let started = Date.now();
    await mkdir(work, { recursive: true });
    await writeChangedContent();
    plan = planBuild(await readSnapshot(fixtureSnapshotDir), await readSnapshot(changedSnapshot));
    if (plan.kind !== 'incremental') throw new Error(`expected an incremental plan, got a full build: ${plan.why}`);
    liveInodes = new Map(
      await Promise.all(
        (await filesIn(testDistDir)).map(async (file) => [file, (await stat(path.join(testDistDir, file))).ino] as const),
      ),
    );
    liveHashes = new Map(
      await Promise.all([...liveInodes.keys()].map(async (file) => [file, await hashOf(path.join(testDistDir, file))] as const)),
    );
    const selection = path.join(work, 'render-only.json');
    await writeFile(selection, JSON.stringify(plan.selection));
    await astroBuild(rendered, { PASSERELLE_RENDER_ONLY: selection });
    timings.partialBuild = Date.now() - started;
    const [unpruned] = await stylesheetsOf(rendered);
    unprunedCss = await readFile(path.join(rendered, '_astro', unpruned ?? 'missing.css'), 'utf8');
    started = Date.now();
    const { renderedFiles } = await mergeDeploy({ liveDir: testDistDir, partialDir: rendered, outDir: merged, keep: plan.keep });
    await runWholeSitePasses(merged, await stylesheetsOf(testDistDir), () => {});
    // As the publisher does: only the files the publication made are looked at.
    relinked = await relinkUnchanged(merged, testDistDir, { only: await madeByPublication(merged, renderedFiles) });
    timings.mergeAndFinish = Date.now() - started;
    started = Date.now();
    await astroBuild(full, { PASSERELLE_RENDER_ONLY: '' });
    timings.fullBuild = Date.now() - started;
  }, 600_000);

  afterAll(async () => {
    console.log(`incremental test: ${JSON.stringify(timings)}`);
    // PASSERELLE_KEEP_INCREMENTAL_TEST=true keeps the builds to look into a difference.
    if (process.env.PASSERELLE_KEEP_INCREMENTAL_TEST !== 'true') await rm(work, { recursive: true, force: true });
  });

  it('renders only the touched fiches', async () => {
    if (plan.kind !== 'incremental') throw new Error(plan.why);
    const halte = (await readSnapshot(fixtureSnapshotDir)).fiches.find((fiche) => fiche.slug === 'halte-garderie-insertion');
    expect(plan.selection.fiches).toHaveLength(5);
    expect(plan.selection.fiches).not.toContain(halte?.id);
    // National fiches changed: every département page lists them.
    expect(plan.selection.departements).toBe('all');
    expect(await filesIn(path.join(merged, 'fr/dispositifs/halte-garderie-insertion'))).toEqual(['index.html', 'qr.svg']);
  });

  it('gives the same files as a full build of the same content (build stamps: the same number of them)', async () => {
    const [incremental, reference] = await Promise.all([filesIn(merged), filesIn(full)]);
    const exact = (files: string[]) => files.filter((file) => !buildStamp.test(file));
    expect(exact(incremental).filter((file) => !reference.includes(file))).toEqual([]);
    expect(exact(reference).filter((file) => !incremental.includes(file))).toEqual([]);
    expect(stampCounts(incremental)).toEqual(stampCounts(reference));
  });

  it('gives the same bytes as a full build of the same content, in every file but the build stamps', async () => {
    const differing: string[] = [];
    const present = new Set(await filesIn(merged));
    for (const file of (await filesIn(full)).filter((entry) => present.has(entry) && !buildStamp.test(entry))) {
      const [ours, theirs] = await Promise.all([readFile(path.join(merged, file)), readFile(path.join(full, file))]);
      if (!ours.equals(theirs)) differing.push(file);
    }
    expect(differing).toEqual([]);
    const pageCounts = async (root: string) =>
      Object.entries(
        (
          JSON.parse(await readFile(path.join(root, 'pagefind/pagefind-entry.json'), 'utf8')) as {
            languages: Record<string, { page_count: number }>;
          }
        ).languages,
      )
        .map(([language, { page_count }]) => `${language}:${page_count}`)
        .sort();
    expect(await pageCounts(merged)).toEqual(await pageCounts(full));
  });

  it('keeps untouched files as hard links and never changes the live deploy', async () => {
    if (plan.kind !== 'incremental') throw new Error(plan.why);
    const kept = [...liveInodes.keys()].filter((file) => plan.kind === 'incremental' && plan.keep(file));
    // Scripts, images, social images, icons: every file of the live deploy the plan keeps.
    expect(kept.length).toBeGreaterThan(50);
    // The stylesheet is pruned against the templates, so a content change never changes it: the
    // merged deploy's has the live one's name, and every kept file stays a hard link.
    expect(await stylesheetsOf(merged)).toEqual(await stylesheetsOf(testDistDir));
    const notLinked = [];
    for (const file of kept) if ((await stat(path.join(merged, file))).ino !== liveInodes.get(file)) notLinked.push(file);
    expect(notLinked).toEqual([]);
    // Files made again with the live bytes are linked too: the stylesheet, the QR code of a
    // touched fiche whose address did not change, a list page nothing changed on.
    expect(relinked).toBeGreaterThan(0);
    const [sheet] = await stylesheetsOf(merged);
    expect((await stat(path.join(merged, '_astro', sheet ?? ''))).ino).toBe(liveInodes.get(`_astro/${sheet}`));
    const qr = 'fr/demarches/carte-vitale/qr.svg';
    expect((await stat(path.join(merged, qr))).ino).toBe(liveInodes.get(qr));
    // The same files with the same bytes as before: nothing was written through a link.
    expect(await filesIn(testDistDir)).toEqual([...liveHashes.keys()]);
    for (const [file, hash] of liveHashes) expect(await hashOf(path.join(testDistDir, file)), file).toBe(hash);
  });

  it('prunes the stylesheet against the templates, keeping every rule a page uses', async () => {
    /** Each selector, keyframes name and custom property kept, with the at-rules around it. */
    const kept = (css: string) => {
      const found = new Set<string>();
      const context = (node: postcss.Node): string =>
        node.parent && node.parent.type === 'atrule'
          ? `${context(node.parent)}@${(node.parent as postcss.AtRule).name} ${(node.parent as postcss.AtRule).params} `
          : node.parent && node.parent.type !== 'root'
            ? context(node.parent)
            : '';
      const root = postcss.parse(css);
      root.walkRules((rule) => {
        for (const selector of rule.selectors) found.add(`${context(rule)}${selector}`);
      });
      root.walkAtRules('keyframes', (rule) => void found.add(`@keyframes ${rule.params}`));
      root.walkDecls(/^--/, (declaration) => void found.add(`${context(declaration)}${declaration.prop}`));
      return found;
    };
    const pages = (await filesIn(full)).filter((file) => file.endsWith('.html')).map((file) => path.join(full, file));
    expect(pages.length).toBeGreaterThan(100);
    const [byPages] = await pruneCss([{ raw: unprunedCss }], pages);
    const [byTemplates] = await pruneCss([{ raw: unprunedCss }]);
    // The template pruning drops the rules that need an icon class or a date field
    // (neverWrittenSelectors): no page has either, so those rules match nothing on any page.
    for (const file of pages) expect(await readFile(file, 'utf8'), file).not.toMatch(/class="([^"]* )?fr-icon-|type="?date\b/);
    const needed = kept(withoutNeverWritten(byPages?.css ?? ''));
    const shipped = kept(byTemplates?.css ?? '');
    expect(needed.size).toBeGreaterThan(100);
    expect([...needed].filter((entry) => !shipped.has(entry))).toEqual([]);
    // What the deploys ship is that template-pruned stylesheet.
    const [name] = await stylesheetsOf(full);
    expect(await readFile(path.join(full, '_astro', name ?? 'missing.css'), 'utf8')).toBe(byTemplates?.css);
  });
});

/**
 * The search index of an incremental publication (src/integrations/searchIndex.ts,
 * docs/publishing.md « The search index pass »): every language whose search input did not change
 * is taken from the live deploy, as its record says, and the index is the one a full re-index of
 * the same pages makes.
 *
 * The change: a translator fixes the Pashto name of a need (« Complémentaire santé »). The fiches
 * filed under it are rendered again in every language, but only one of their pages differs: the
 * Pashto page of a fiche not translated in Pashto, which names its needs in the reader's language
 * to be found by. So only the Pashto index is made again. The live deploy is the suite's fixture
 * build (test-dist/), hard-linked and indexed once with its record; this costs one more partial
 * build (that a merged deploy equals a full build is the tests above: here the reference is a
 * full re-index of the merged deploy's pages).
 *
 * In this file, not one of its own: two Astro builds at once in the same site folder share its
 * caches (the content layer's data store) and break each other.
 */
describe('the search index of an incremental publication', () => {
  // Inside site/: Astro writes straight only into a folder under its root (scripts/src/siteBuild.ts).
  const work = path.join(siteRoot, 'node_modules', '.cache', 'passerelle-search-reuse-test');
  const changedSnapshot = path.join(work, 'snapshot');
  const live = path.join(work, 'live');
  const liveRecord = path.join(work, 'live-search-index.json');
  const rendered = path.join(work, 'rendered');
  const merged = path.join(work, 'merged');
  const mergedRecord = path.join(work, 'merged-search-index.json');
  const reference = path.join(work, 'reference');
  const referenceRecord = path.join(work, 'reference-search-index.json');
  const unrecorded = path.join(work, 'unrecorded');

  const complementaryHealth = '4bcc8709-f62b-44e7-8023-b9d3711d3d84';

  /** The fixture content with the Pashto name of a need fixed. */
  async function writeChangedContent(): Promise<void> {
    await rm(changedSnapshot, { recursive: true, force: true });
    await cp(fixtureSnapshotDir, changedSnapshot, { recursive: true });
    const file = path.join(changedSnapshot, 'needs.json');
    const needs = JSON.parse(await readFile(file, 'utf8')) as { id: string; name: Record<string, string>; updatedAt: string }[];
    const need = needs.find((entry) => entry.id === complementaryHealth);
    if (!need?.name.ps) throw new Error(`no fixture need ${complementaryHealth} named in ps`);
    // With the French word readers meet at the counter.
    need.name.ps = `${need.name.ps} (mutuelle)`;
    need.updatedAt = '2026-12-01T09:00:00.000Z';
    await writeFile(file, JSON.stringify(needs, null, 2));
  }

  // The fixture build's clock (test/helpers/buildFixtureSite.ts): the pages kept from it and these agree.
  const partialBuild = (selection: string) =>
    astroBuild(rendered, {
      SNAPSHOT_DIR: changedSnapshot,
      PASSERELLE_REVIEW_NOW: '2026-12-01T00:00:00.000Z',
      PASSERELLE_RENDER_ONLY: selection,
    });

  /** Every file of a bundle folder, relative to it, sorted. */
  const bundleFiles = (dir: string) => filesIn(path.join(dir, 'pagefind'));

  /** Pagefind's declared build stamps (its filters, metadata and entry file: another order on every run), by count. */
  const stamp = /^(?:filter\/|pagefind\.[a-z]+_[0-9a-f]+\.pf_meta$|pagefind-entry\.json$)/;

  const timings: Record<string, number> = {};
  const lines: string[] = [];

  beforeAll(async () => {
    let started = Date.now();
    await rm(work, { recursive: true, force: true });
    await mkdir(work, { recursive: true });
    // The live deploy: the fixture build, hard-linked (nothing is written through a link), its
    // index made again with its record, as the publisher's full build makes them.
    await mkdir(path.join(work, 'nothing'));
    await mergeDeploy({ liveDir: testDistDir, partialDir: path.join(work, 'nothing'), outDir: live, keep: () => true });
    await buildSearchIndex(live, { recordTo: liveRecord });
    timings.live = Date.now() - started;
    started = Date.now();
    await writeChangedContent();
    const plan = planBuild(await readSnapshot(fixtureSnapshotDir), await readSnapshot(changedSnapshot));
    if (plan.kind !== 'incremental') throw new Error(`expected an incremental plan, got a full build: ${plan.why}`);
    const selection = path.join(work, 'render-only.json');
    await writeFile(selection, JSON.stringify(plan.selection));
    await partialBuild(selection);
    timings.partialBuild = Date.now() - started;
    started = Date.now();
    await mergeDeploy({ liveDir: live, partialDir: rendered, outDir: merged, keep: plan.keep });
    await runWholeSitePasses(merged, await stylesheetsOf(live), (line) => lines.push(line), {
      reuse: { deployDir: live, record: liveRecord },
      recordTo: mergedRecord,
    });
    timings.finish = Date.now() - started;
    // The reference: the same pages, every language indexed.
    started = Date.now();
    await mergeDeploy({ liveDir: merged, partialDir: path.join(work, 'nothing'), outDir: reference, keep: () => true });
    await buildSearchIndex(reference, { recordTo: referenceRecord });
    timings.reference = Date.now() - started;
  }, 600_000);

  afterAll(async () => {
    console.log(`search reuse test: ${JSON.stringify(timings)}`);
    if (process.env.PASSERELLE_KEEP_INCREMENTAL_TEST !== 'true') await rm(work, { recursive: true, force: true });
  });

  it('indexes again only the language whose pages changed, and takes the others from the live deploy', async () => {
    expect(lines.join('\n')).toMatch(/indexed ps, taken from the live deploy fr en ar fa ti ru uk\b/);
    // Fiches filed under the need were rendered again in every language: their other pages are the same.
    const plan = planBuild(await readSnapshot(fixtureSnapshotDir), await readSnapshot(changedSnapshot));
    expect(plan.kind === 'incremental' && plan.selection.fiches.length).toBe(2);
    const record = JSON.parse(await readFile(liveRecord, 'utf8')) as SearchRecord;
    for (const language of ['fr', 'ar', 'uk'])
      for (const file of record.languages[language]?.files ?? [])
        expect((await stat(path.join(merged, 'pagefind', file))).ino, file).toBe(
          (await stat(path.join(live, 'pagefind', file))).ino,
        );
    expect(record.languages.ps?.files.filter((file) => file.startsWith('fragment/')).length).toBeGreaterThan(0);
    // Pashto made again: its files are new, but for those Pagefind wrote with the live bytes
    // (the fragments of its unchanged pages), linked to the live ones instead of written.
    let madeAgain = 0;
    for (const file of record.languages.ps?.files ?? []) {
      const ours = await stat(path.join(merged, 'pagefind', file)).catch(() => undefined);
      if (!ours) {
        madeAgain += 1;
        continue;
      }
      const same = (await readFile(path.join(merged, 'pagefind', file))).equals(
        await readFile(path.join(live, 'pagefind', file)),
      );
      expect(ours.ino === (await stat(path.join(live, 'pagefind', file))).ino, file).toBe(same);
      if (!same) madeAgain += 1;
    }
    expect(madeAgain).toBeGreaterThan(0);
  });

  it('gives the index a full re-index of the same pages gives: same files, same bytes but the build stamps', async () => {
    const [ours, theirs] = await Promise.all([bundleFiles(merged), bundleFiles(reference)]);
    expect(ours.filter((file) => !stamp.test(file))).toEqual(theirs.filter((file) => !stamp.test(file)));
    const counted = (files: string[]) =>
      files.filter((file) => stamp.test(file)).map((file) => file.replace(/[0-9a-f]{7,}/g, '#'));
    expect(counted(ours)).toEqual(counted(theirs));
    const differing = [];
    for (const file of ours.filter((entry) => !stamp.test(entry)))
      if (!(await readFile(path.join(merged, 'pagefind', file))).equals(await readFile(path.join(reference, 'pagefind', file))))
        differing.push(file);
    expect(differing).toEqual([]);
    const entry = async (dir: string) =>
      JSON.parse(await readFile(path.join(dir, 'pagefind/pagefind-entry.json'), 'utf8')) as {
        languages: Record<string, { page_count: number; wasm: string | null }>;
      };
    const shape = (value: Awaited<ReturnType<typeof entry>>) =>
      Object.entries(value.languages).map(([language, { page_count, wasm }]) => [language, page_count, wasm]);
    expect(shape(await entry(merged))).toEqual(shape(await entry(reference)));
  });

  it('indexes every language again when the live record is missing or corrupt, and gives the same index', async () => {
    for (const spoil of [undefined, '{"format":1,"languages":{"ps":']) {
      const record = path.join(work, 'spoilt-search-index.json');
      await rm(record, { force: true });
      if (spoil) await writeFile(record, spoil);
      await mergeDeploy({ liveDir: merged, partialDir: path.join(work, 'nothing'), outDir: unrecorded, keep: () => true });
      const said: string[] = [];
      const languages = await buildSearchIndex(unrecorded, {
        reuse: { deployDir: live, record },
        log: (line) => said.push(line),
      });
      expect(languages.filter(({ reused }) => reused)).toEqual([]);
      expect(said.join('\n')).toMatch(spoil ? /an unreadable search record/ : /no search record/);
      const [ours, theirs] = await Promise.all([bundleFiles(unrecorded), bundleFiles(reference)]);
      expect(ours.filter((file) => !stamp.test(file))).toEqual(theirs.filter((file) => !stamp.test(file)));
      for (const file of ours.filter((entry) => /^(index|fragment)\//.test(entry)))
        expect(
          (await readFile(path.join(unrecorded, 'pagefind', file))).equals(
            await readFile(path.join(reference, 'pagefind', file)),
          ),
          file,
        ).toBe(true);
    }
  });

  it('records the same search inputs as a full re-index, for the next publication', async () => {
    const digests = async (file: string) =>
      Object.fromEntries(
        Object.entries((JSON.parse(await readFile(file, 'utf8')) as SearchRecord).languages).map(([language, { digest }]) => [
          language,
          digest,
        ]),
      );
    const [ours, theirs, before] = await Promise.all([digests(mergedRecord), digests(referenceRecord), digests(liveRecord)]);
    expect(ours).toEqual(theirs);
    expect(Object.keys(ours).filter((language) => ours[language] !== before[language])).toEqual(['ps']);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { Payload } from 'payload';

import { fixtureSnapshotDir as snapshotDir } from '@passerelle/content-schemas/repository';

import { recordQueries } from '../../src/database/queryLog';
import { importFiches, type SourceReferences } from '../../src/import/importFiches';
import { countJsonArrayElements, jsonArrayElements } from '../../src/import/jsonArray';
import { refreshMemoryOf, rowsPerInsert } from '../../src/translation/memory/store';
import { createTestPayload, type TestPayload } from '../helpers/payload';

const read = (name: string) => JSON.parse(readFileSync(path.join(snapshotDir, `${name}.json`), 'utf8'));
const fiches = read('fiches') as Record<string, any>[];
const references: SourceReferences = {
  themes: read('themes'),
  needs: read('needs'),
  structures: read('structures'),
  documents: read('documents'),
};
const context = { skipRebuild: true };

let testPayload: TestPayload;
let payload: Payload;

/** A translation's memory rows, without their ids, in a stable order. */
async function memoryRowsOf(where: { translation: string } | { fiche: string }) {
  const [field, value] = Object.entries(where)[0]!;
  const { docs } = await payload.find({
    collection: 'translation-memory',
    where: { [field]: { equals: value } },
    pagination: false,
    depth: 0,
  });
  return docs.map(({ id: _id, ...row }) => row).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** Another Passerelle: the same themes, needs and structures (by slug), under ids of its own. */
async function createTaxonomyOfSnapshot() {
  const themeIds = new Map<string, string>();
  for (const theme of read('themes')) {
    const doc = await payload.create({
      collection: 'themes',
      data: { slug: theme.slug, name: theme.name.fr, color: theme.color, icon: theme.icon },
      context,
    });
    themeIds.set(theme.id, doc.id);
  }
  for (const need of read('needs')) {
    await payload.create({
      collection: 'needs',
      data: { slug: need.slug, name: need.name.fr, theme: themeIds.get(need.theme) as string },
      context,
    });
  }
  for (const document of read('documents')) {
    await payload.create({ collection: 'documents', data: { slug: document.slug, name: document.name.fr }, context });
  }
  for (const structure of read('structures')) {
    await payload.create({
      collection: 'structures',
      data: { slug: structure.slug, name: structure.name, kind: structure.kind, status: structure.status },
      context,
    });
  }
}

beforeAll(async () => {
  testPayload = await createTestPayload();
  payload = testPayload.payload;
  await createTaxonomyOfSnapshot();
});

afterAll(async () => {
  await testPayload?.cleanup();
});

describe('npm run import', () => {
  it('brings a snapshot’s fiches in, every language validated through the workflow, ids and addresses kept', async () => {
    const progress: number[] = [];
    const report = await importFiches(payload, fiches, { references, onProgress: (p) => progress.push(p.done) });
    expect(report).toMatchObject({ total: 5, imported: 5, skipped: 0, failed: 0, problems: [] });
    expect(progress).toEqual([1, 2, 3, 4, 5]);

    const source = fiches.find((fiche) => fiche.slug === 'carte-vitale')!;
    const fiche = await payload.findByID({ collection: 'fiches', id: source.id, locale: 'all', depth: 0 });
    expect(fiche).toMatchObject({ slug: 'carte-vitale', shortId: source.shortId, _status: 'published' });
    expect((fiche.title as unknown as Record<string, string>).ar).toBe(source.title.ar);
    expect((fiche.title as unknown as Record<string, string>).uk).toBe(source.title.uk);
    const arabicWhat = (fiche.what as unknown as Record<string, { id: string; title: string }[]>).ar;
    expect(arabicWhat?.map((item) => item.title)).toEqual(source.what.ar.map((item: { title: string }) => item.title));
    expect(arabicWhat?.every((item) => /^[0-9a-f]{24}$/.test(item.id))).toBe(true);
    // One write for the fiche and all its languages: one published version, holding every language.
    // Carte Vitale names « après » démarches further down the file: the run sets those links once
    // every fiche is in, which is the one more version it gets.
    const { docs: versions } = await payload.findVersions({
      collection: 'fiches',
      where: { parent: { equals: source.id } },
      locale: 'all',
      depth: 0,
      sort: 'createdAt',
    });
    expect(versions).toHaveLength(2);
    expect(versions[0]?.version).toMatchObject({ _status: 'published', title: { fr: source.title.fr, ar: source.title.ar } });
    expect(versions[1]?.version.stepsAfter).toHaveLength(source.stepsAfter.length - 1);
    // The theme is this CMS's own, found by slug.
    const health = await payload.find({ collection: 'themes', where: { slug: { equals: 'health' } }, depth: 0 });
    expect(fiche.primaryTheme).toBe(health.docs[0]?.id);

    const { docs: translations } = await payload.find({
      collection: 'translations',
      where: { fiche: { equals: source.id } },
      depth: 0,
      pagination: false,
    });
    expect(translations).toHaveLength(7);
    const arabic = translations.find((doc) => doc.language === 'ar')!;
    expect(arabic.status).toBe('validated');
    // Everything the file has in Arabic is validated (documents' notes included); its French change note has no Arabic yet.
    expect(arabic.progress).toMatchObject({ total: 12, validated: 11, toDo: 1 });
    // « Avant / après » links survive, those to fiches further down the file included.
    expect(fiche.stepsBefore).toEqual(source.stepsBefore);
    expect(fiche.stepsAfter).toEqual(source.stepsAfter.filter((id: string) => fiches.some((other) => other.id === id)));
    expect((fiche.changeNote as unknown as Record<string, string> | null)?.fr ?? null).toBe(source.changeNote?.fr ?? null);
    expect(arabic.changeNote ?? null).toBeNull();
    expect(Object.values(arabic.units as Record<string, { validatedAt?: string }>).every((unit) => unit.validatedAt)).toBe(true);
    // The translation memory got the validated pairs (written from the imported text, a few rows
    // per INSERT): the same rows as the fiche's Arabic, read back, gives outside the import.
    const memory = await memoryRowsOf({ translation: arabic.id });
    expect(memory.length).toBeGreaterThan(11);
    expect(memory.some((row) => row.scope === 'sentence')).toBe(true);
    // Written as plain multi-row INSERTs: each row still gets its own UUID, as Payload gives ids.
    const { docs: memoryIds } = await payload.find({
      collection: 'translation-memory',
      where: { translation: { equals: arabic.id } },
      pagination: false,
      select: {},
    });
    expect(new Set(memoryIds.map(({ id }) => id)).size).toBe(memory.length);
    for (const { id } of memoryIds) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const stopRecording = recordQueries();
    await refreshMemoryOf(payload, arabic);
    // A few multi-row INSERTs, seen by the query log like every statement (the bench counts them).
    const inserts = stopRecording().filter(({ sql }) => /^insert into "translation_memory"/i.test(sql));
    expect(inserts.length).toBeGreaterThan(0);
    expect(inserts.length).toBeLessThanOrEqual(Math.ceil(memory.length / rowsPerInsert));
    expect(await memoryRowsOf({ translation: arabic.id })).toEqual(memory);
    // Its freshness moves with it: the check, the last real change, the history of its notes.
    expect(fiche).toMatchObject({
      lastCheckedAt: source.lastCheckedAt,
      changedAt: (source as { changedAt?: string }).changedAt,
      nextReviewAt: '2027-03-15T00:00:00.000Z',
    });
    expect((fiche.changeHistory ?? []).map(({ date, notes }) => ({ date, notes }))).toEqual(
      ((source as { changeHistory?: { date: string; notes: unknown }[] }).changeHistory ?? []).map(({ date, notes }) => ({
        date,
        notes,
      })),
    );
  });

  it('started again, skips what is already there: no duplicate', async () => {
    const report = await importFiches(payload, fiches, { references });
    expect(report).toMatchObject({ imported: 0, skipped: 5, failed: 0 });
    // As `npm run import` reads it: the file one fiche at a time (import/jsonArray.ts).
    const file = path.join(snapshotDir, 'fiches.json');
    const progress: number[] = [];
    const streamed = await importFiches(
      payload,
      { total: await countJsonArrayElements(file), fiches: jsonArrayElements(file) },
      { references, onProgress: (p) => progress.push(p.done) },
    );
    expect(streamed).toMatchObject({ total: 5, imported: 0, skipped: 5, failed: 0 });
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    expect((await payload.count({ collection: 'fiches' })).totalDocs).toBe(5);
    expect((await payload.count({ collection: 'translations' })).totalDocs).toBe(35);
  });

  it('reports a bad fiche with its position and field path in French, and goes on with the others', async () => {
    const base = fiches[0]!;
    const tooLong = {
      ...base,
      id: crypto.randomUUID(),
      slug: 'resume-trop-long',
      shortId: 'zzaaa2',
      summary: { ...base.summary, fr: 'x'.repeat(281) },
    };
    const unknownTheme = {
      ...base,
      id: crypto.randomUUID(),
      slug: 'theme-inconnu',
      shortId: 'zzaaa3',
      primaryTheme: crypto.randomUUID(),
    };
    const good = {
      ...base,
      id: crypto.randomUUID(),
      slug: 'une-bonne-fiche',
      shortId: 'zzaaa4',
      title: { ...base.title, fr: 'Une bonne fiche' },
    };
    const report = await importFiches(payload, [tooLong, unknownTheme, 'pas une fiche', good], { references });
    expect(report).toMatchObject({ imported: 1, failed: 3 });
    expect(report.problems).toEqual([
      { position: 1, slug: 'resume-trop-long', path: 'summary.fr', message: 'trop long : 280 caractères au plus' },
      {
        position: 2,
        slug: 'theme-inconnu',
        path: 'primaryTheme',
        message: expect.stringContaining('thème introuvable dans ce CMS'),
      },
      { position: 3, slug: undefined, path: '(fiche)', message: 'un objet attendu, un texte trouvé' },
    ]);
  });

  it('stops at the first bad fiche with --strict', async () => {
    const base = fiches[1]!;
    const bad = { ...base, id: crypto.randomUUID(), slug: 'sans-titre', shortId: 'zzaaa5', title: { fr: '' } };
    const after = { ...base, id: crypto.randomUUID(), slug: 'apres-l-erreur', shortId: 'zzaaa6' };
    const report = await importFiches(payload, [bad, after], { references, strict: true });
    expect(report).toMatchObject({ imported: 0, failed: 1, stopped: true, done: 1 });
    expect(report.problems[0]).toMatchObject({ position: 1, path: 'title.fr', message: 'le titre en français est obligatoire' });
  });

  it('puts a fiche and its translations in together or not at all', async () => {
    const base = fiches[2]!;
    const fiche = { ...base, id: crypto.randomUUID(), slug: 'coupee-en-route', shortId: 'zzaaa7' };
    const create = payload.create.bind(payload);
    let translations = 0;
    // The third language's translation document fails after the fiche and two others went in.
    const spy = vi.spyOn(payload, 'create').mockImplementation(((args: Parameters<Payload['create']>[0]) => {
      if (args.collection === 'translations' && (translations += 1) === 3) throw new Error('disque plein');
      return create(args as never);
    }) as never);
    const report = await importFiches(payload, [fiche], { references });
    spy.mockRestore();
    expect(report.problems).toEqual([
      { position: 1, slug: 'coupee-en-route', path: '(fiche)', message: 'enregistrement refusé : disque plein' },
    ]);
    expect((await payload.count({ collection: 'fiches', where: { id: { equals: fiche.id } } })).totalDocs).toBe(0);
    expect((await payload.count({ collection: 'translations', where: { fiche: { equals: fiche.id } } })).totalDocs).toBe(0);
    // The memory rows of the two translations that went in are rolled back with them.
    expect(await memoryRowsOf({ fiche: fiche.id })).toEqual([]);
    // And the same fiche goes in whole on the next run.
    expect(await importFiches(payload, [fiche], { references })).toMatchObject({ imported: 1, failed: 0 });
    expect((await memoryRowsOf({ fiche: fiche.id })).length).toBeGreaterThan(0);
  });
});

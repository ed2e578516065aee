import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { Payload } from 'payload';

import { importFiches, type SourceReferences } from '../../src/import/importFiches';
import { createTestPayload, type TestPayload } from '../helpers/payload';

const snapshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../content-schemas/fixtures/snapshot');
const read = (name: string) => JSON.parse(readFileSync(path.join(snapshotDir, `${name}.json`), 'utf8'));
const fiches = read('fiches') as Record<string, any>[];
const references: SourceReferences = { themes: read('themes'), needs: read('needs'), structures: read('structures') };
const context = { skipRebuild: true };

let testPayload: TestPayload;
let payload: Payload;

/** Another Passerelle: the same themes, needs and structures (by slug), under ids of its own. */
async function createTaxonomyOfSnapshot() {
  const themeIds = new Map<string, string>();
  for (const theme of read('themes')) {
    const doc = await payload.create({ collection: 'themes', data: { slug: theme.slug, name: theme.name.fr, color: theme.color, icon: theme.icon }, context });
    themeIds.set(theme.id, doc.id);
  }
  for (const need of read('needs')) {
    await payload.create({ collection: 'needs', data: { slug: need.slug, name: need.name.fr, theme: themeIds.get(need.theme) as string }, context });
  }
  for (const structure of read('structures')) {
    await payload.create({ collection: 'structures', data: { slug: structure.slug, name: structure.name, kind: structure.kind, status: structure.status }, context });
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
    // The theme is this CMS's own, found by slug.
    const health = await payload.find({ collection: 'themes', where: { slug: { equals: 'health' } }, depth: 0 });
    expect(fiche.primaryTheme).toBe(health.docs[0]?.id);

    const { docs: translations } = await payload.find({ collection: 'translations', where: { fiche: { equals: source.id } }, depth: 0, pagination: false });
    expect(translations).toHaveLength(7);
    const arabic = translations.find((doc) => doc.language === 'ar')!;
    expect(arabic.status).toBe('validated');
    // Everything the file has in Arabic is validated; its French change note has no Arabic yet.
    expect(arabic.progress).toMatchObject({ total: 10, validated: 9, toDo: 1 });
    expect(arabic.changeNote ?? null).toBeNull();
    expect(Object.values(arabic.units as Record<string, { validatedAt?: string }>).every((unit) => unit.validatedAt)).toBe(true);
    // Its freshness moves with it: the check, the last real change, the history of its notes.
    expect(fiche).toMatchObject({ lastCheckedAt: source.lastCheckedAt, changedAt: (source as { changedAt?: string }).changedAt, nextReviewAt: '2027-03-15T00:00:00.000Z' });
    expect((fiche.changeHistory ?? []).map(({ date, notes }) => ({ date, notes }))).toEqual(((source as { changeHistory?: { date: string; notes: unknown }[] }).changeHistory ?? []).map(({ date, notes }) => ({ date, notes })));
  });

  it('started again, skips what is already there: no duplicate', async () => {
    const report = await importFiches(payload, fiches, { references });
    expect(report).toMatchObject({ imported: 0, skipped: 5, failed: 0 });
    expect((await payload.count({ collection: 'fiches' })).totalDocs).toBe(5);
    expect((await payload.count({ collection: 'translations' })).totalDocs).toBe(35);
  });

  it('reports a bad fiche with its position and field path in French, and goes on with the others', async () => {
    const base = fiches[0]!;
    const tooLong = { ...base, id: crypto.randomUUID(), slug: 'resume-trop-long', shortId: 'zzaaa2', summary: { ...base.summary, fr: 'x'.repeat(281) } };
    const unknownTheme = { ...base, id: crypto.randomUUID(), slug: 'theme-inconnu', shortId: 'zzaaa3', primaryTheme: crypto.randomUUID() };
    const good = { ...base, id: crypto.randomUUID(), slug: 'une-bonne-fiche', shortId: 'zzaaa4', title: { ...base.title, fr: 'Une bonne fiche' } };
    const report = await importFiches(payload, [tooLong, unknownTheme, 'pas une fiche', good], { references });
    expect(report).toMatchObject({ imported: 1, failed: 3 });
    expect(report.problems).toEqual([
      { position: 1, slug: 'resume-trop-long', path: 'summary.fr', message: 'trop long : 280 caractères au plus' },
      { position: 2, slug: 'theme-inconnu', path: 'primaryTheme', message: expect.stringContaining('thème introuvable dans ce CMS') },
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
    const update = payload.update.bind(payload);
    let translations = 0;
    const spy = vi.spyOn(payload, 'update').mockImplementation(((args: Parameters<Payload['update']>[0]) => {
      if (args.collection === 'translations' && (translations += 1) === 3) throw new Error('disque plein');
      return update(args as never);
    }) as never);
    const report = await importFiches(payload, [fiche], { references });
    spy.mockRestore();
    expect(report.problems).toEqual([{ position: 1, slug: 'coupee-en-route', path: '(fiche)', message: 'enregistrement refusé : disque plein' }]);
    expect((await payload.count({ collection: 'fiches', where: { id: { equals: fiche.id } } })).totalDocs).toBe(0);
    expect((await payload.count({ collection: 'translations', where: { fiche: { equals: fiche.id } } })).totalDocs).toBe(0);
    // And the same fiche goes in whole on the next run.
    expect(await importFiches(payload, [fiche], { references })).toMatchObject({ imported: 1, failed: 0 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Payload } from 'payload';

import { FicheSchema, MediaSchema, NeedSchema, StructureSchema, ThemeSchema, localeCodes } from '@passerelle/content-schemas';

import { seed, type SeedReport } from '../../src/seed';
import { loadSeedData } from '../../src/seed/seedData';
import { createTestPayload, type TestPayload } from '../helpers/payload';
import { restClient, type RestClient } from '../helpers/rest';

let testPayload: TestPayload;
let payload: Payload;
let api: RestClient;
let firstRun: SeedReport;

beforeAll(async () => {
  testPayload = await createTestPayload();
  payload = testPayload.payload;
  api = restClient(testPayload.config);
  firstRun = await seed(payload, { password: 'test-password' });
  // The whole seed through the workflow (≈ 30 fiches × 8 languages): minutes on a loaded machine.
}, 600_000);

afterAll(async () => {
  await testPayload?.cleanup();
});

describe('the seed', () => {
  it('creates the sample taxonomy, fiches and development logins', () => {
    expect(firstRun.created).toMatchObject({ themes: 10, structures: 20, users: 7 });
    expect(firstRun.created.needs).toBeGreaterThanOrEqual(30);
    expect(firstRun.created.fiches).toBeGreaterThanOrEqual(24);
    expect(firstRun.users.map((user) => user.email)).toEqual(
      expect.arrayContaining([
        'admin@passerelle.test',
        'editor@passerelle.test',
        'expert-ar@passerelle.test',
        'translator-ar@passerelle.test',
        'contributor@passerelle.test',
      ]),
    );
  });

  it('publishes at least 12 démarches and 12 dispositifs, local ones in at least 10 départements', async () => {
    const { docs } = await payload.find({
      collection: 'fiches',
      limit: 0,
      pagination: false,
      depth: 0,
      where: { _status: { equals: 'published' } },
    });
    expect(docs.filter((fiche) => fiche.type === 'demarche').length).toBeGreaterThanOrEqual(12);
    expect(docs.filter((fiche) => fiche.type === 'dispositif').length).toBeGreaterThanOrEqual(12);
    const scopes = new Set(docs.map((fiche) => fiche.infocards?.location?.scope));
    expect([...scopes].sort()).toEqual(['departements', 'france', 'online']);
    const departements = new Set(docs.flatMap((fiche) => fiche.infocards?.location?.departements ?? []));
    expect(departements.size).toBeGreaterThanOrEqual(10);
  });

  it('translates every fiche into English and Arabic, at least half into each other language, and leaves some gaps', async () => {
    const { docs } = await payload.find({ collection: 'fiches', locale: 'all', limit: 0, pagination: false, depth: 0 });
    const titles = docs.map((fiche) => fiche.title as unknown as Record<string, string | null | undefined>);
    const coverage = Object.fromEntries(localeCodes.map((code) => [code, titles.filter((title) => Boolean(title[code])).length]));
    expect(coverage.fr).toBe(docs.length);
    expect(coverage.en).toBe(docs.length);
    expect(coverage.ar).toBe(docs.length);
    for (const code of ['ps', 'fa', 'ti', 'ru', 'uk']) {
      expect(coverage[code], code).toBeGreaterThanOrEqual(docs.length / 2);
      expect(coverage[code], code).toBeLessThan(docs.length);
    }
  });

  it('gives every démarche its documents, translated like the rest, and its « avant / après » links', async () => {
    expect(firstRun.created.documents).toBeGreaterThanOrEqual(15);
    const { docs } = await payload.find({
      collection: 'fiches',
      where: { type: { equals: 'demarche' } },
      locale: 'all',
      limit: 0,
      pagination: false,
      depth: 0,
    });
    for (const fiche of docs) {
      const documents = fiche.documents as unknown as Record<
        string,
        { document?: string | null; name?: string | null }[] | undefined
      >;
      expect(documents.fr?.length ?? 0, fiche.slug ?? fiche.id).toBeGreaterThan(0);
    }
    const rsa = docs.find((fiche) => fiche.slug === 'demander-le-rsa');
    const compte = docs.find((fiche) => fiche.slug === 'droit-au-compte-bancaire');
    expect(rsa?.stepsBefore).toEqual([compte?.id]);
    // A fiche's own document, validated in Tigrinya through the workflow.
    const delf = docs.find((fiche) => fiche.slug === 'passer-le-delf');
    const tigrinya = (delf?.documents as unknown as Record<string, { name?: string | null }[]>).ti;
    expect(tigrinya?.[1]?.name).toBe('መጸዋዕታ ፈተና');
    expect((delf?.translationStatus as Record<string, Record<string, { state: string }>>).ti?.['documents.1']?.state).toBe(
      'validated',
    );
  });

  it('leaves some work for the development logins: a proposal to review and an outdated section', async () => {
    const review = await payload.find({ collection: 'translations', where: { status: { equals: 'toReview' } }, depth: 0 });
    expect(review.docs.map((doc) => doc.language)).toEqual(['fa']);
    const { docs } = await payload.find({
      collection: 'fiches',
      where: { slug: { equals: 'aide-personnalisee-au-logement' } },
      locale: 'all',
      depth: 0,
    });
    const status = docs[0]?.translationStatus as Record<string, Record<string, { state: string }>>;
    expect(status.ar?.['how.0']?.state).toBe('outdated');
    expect(status.ar?.['how.1']?.state).toBe('validated');
  });

  it('creates nothing the second time', async () => {
    const secondRun = await seed(payload, { password: 'test-password' });
    expect(secondRun.created).toEqual({ themes: 0, needs: 0, structures: 0, documents: 0, media: 0, fiches: 0, users: 0 });
    const { totalDocs } = await payload.count({ collection: 'fiches' });
    expect(totalDocs).toBe(loadSeedData().fiches.length);
  });

  it('creates no login without a password, as in production', async () => {
    await payload.delete({ collection: 'users', where: { email: { equals: 'translator-uk@passerelle.test' } } });
    const report = await seed(payload, { password: undefined });
    expect(report.users).toEqual([]);
    const { totalDocs } = await payload.count({
      collection: 'users',
      where: { email: { equals: 'translator-uk@passerelle.test' } },
    });
    expect(totalDocs).toBe(0);
  });
});

describe('the public REST API on the seeded content', () => {
  it('returns published fiches in Arabic', async () => {
    const response = await api('GET', '/fiches?locale=ar&limit=5');
    expect(response.status).toBe(200);
    expect(response.body.docs.length).toBe(5);
    expect(response.body.docs[0].title).toMatch(/[\u0600-\u06FF]/);
  });

  it('matches the content-schemas contract for every collection the site reads', async () => {
    const contracts = [
      ['fiches', FicheSchema],
      ['themes', ThemeSchema],
      ['needs', NeedSchema],
      ['structures', StructureSchema],
      ['media', MediaSchema],
    ] as const;
    for (const [collection, schema] of contracts) {
      const response = await api('GET', `/${collection}?locale=all&depth=0&limit=200`);
      expect(response.status, collection).toBe(200);
      expect(response.body.docs.length, collection).toBeGreaterThan(0);
      for (const doc of response.body.docs) {
        const result = schema.safeParse(doc);
        expect(result.success ? null : { collection, id: doc.id, issues: result.error.issues }).toBeNull();
      }
    }
  });
});

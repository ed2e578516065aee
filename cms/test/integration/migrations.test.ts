import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Migration, Payload } from 'payload';

import { createTaxonomy, frenchDemarche } from '../helpers/fixtures';
import { createTestPayload, type TestPayload } from '../helpers/payload';

const onMongo = Boolean(process.env.DATABASE_URI?.startsWith('mongodb'));

let testPayload: TestPayload;
let payload: Payload;

// In production Payload never pushes the schema: the committed SQLite migrations must build it alone.
describe.skipIf(onMongo)('SQLite migrations', () => {
  beforeAll(async () => {
    Object.assign(process.env, {
      NODE_ENV: 'production',
      PAYLOAD_SECRET: 'test-secret-for-migrations',
      PAYLOAD_PUBLIC_SERVER_URL: 'http://localhost:3000',
    });
    testPayload = await createTestPayload();
    payload = testPayload.payload;
    // The same list a production build would bundle (file discovery needs compiled .js files).
    const { migrations } = await import('../../src/migrations/sqlite');
    // Generated migrations type their argument precisely; the adapter's signature says `unknown`.
    await payload.db.migrate({ migrations: migrations as unknown as Migration[] });
  });

  afterAll(async () => {
    await testPayload?.cleanup();
  });

  it('create every table the collections need, localized and versioned', async () => {
    const taxonomy = await createTaxonomy(payload);
    const fiche = await payload.create({
      collection: 'fiches',
      data: {
        ...frenchDemarche(taxonomy),
        infocards: {
          location: { scope: 'departements', departements: ['69', '93'] },
          publicStatus: ['refugee'],
          conditions: ['bank-account'],
        },
        _status: 'published',
      },
      context: { skipRebuild: true },
    });
    await payload.update({
      collection: 'fiches',
      id: fiche.id,
      locale: 'ar',
      data: { title: 'بطاقة فيتال' },
      context: { skipRebuild: true },
    });
    const all = await payload.findByID({ collection: 'fiches', id: fiche.id, locale: 'all', depth: 0 });
    expect(all.title).toMatchObject({ fr: 'Obtenir sa carte Vitale', ar: 'بطاقة فيتال' });
    expect(all.infocards.location.departements).toEqual(['69', '93']);
    const versions = await payload.findVersions({ collection: 'fiches', where: { parent: { equals: fiche.id } } });
    expect(versions.totalDocs).toBeGreaterThanOrEqual(2);
  });
});

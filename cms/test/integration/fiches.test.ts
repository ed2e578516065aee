import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Payload } from 'payload';

import { isShortId } from '@passerelle/content-schemas';

import { arabicDemarche, createPayloadWithTaxonomy, frenchDemarche } from '../helpers/fixtures';
import type { TestPayload } from '../helpers/payload';

const context = { skipRebuild: true };

let testPayload: TestPayload;
let payload: Payload;
let taxonomy: { themeId: string; structureId: string };

beforeAll(async () => {
  ({ testPayload, payload, taxonomy } = await createPayloadWithTaxonomy());
});

afterAll(async () => {
  await testPayload?.cleanup();
});

describe('a fiche, from draft to every language', () => {
  it('is created, published in French, translated into Arabic and read per locale', async () => {
    const created = await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy), _status: 'published' },
      context,
    });
    expect(created._status).toBe('published');

    await payload.update({
      collection: 'fiches',
      id: created.id,
      locale: 'ar',
      data: { ...arabicDemarche(), _status: 'published' },
      context,
    });

    const french = await payload.findByID({ collection: 'fiches', id: created.id, locale: 'fr', depth: 0 });
    const arabic = await payload.findByID({ collection: 'fiches', id: created.id, locale: 'ar', depth: 0 });
    expect(french.title).toBe('Obtenir sa carte Vitale');
    expect(arabic.title).toBe('الحصول على بطاقة فيتال');
    expect(arabic.how?.[0]?.title).toBe('تقديم الطلب');
    // Language-neutral fields are shared by every locale.
    expect(arabic.primaryTheme).toBe(taxonomy.themeId);
    expect(french.primaryTheme).toBe(taxonomy.themeId);
  });

  it('falls back to French where a locale has no translation, and not when fallback is off', async () => {
    const created = await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'Ouvrir un compte bancaire'), _status: 'published' },
      context,
    });
    const tigrinya = await payload.findByID({ collection: 'fiches', id: created.id, locale: 'ti' });
    expect(tigrinya.title).toBe('Ouvrir un compte bancaire');
    const strict = await payload.findByID({ collection: 'fiches', id: created.id, locale: 'ti', fallbackLocale: false });
    expect(strict.title ?? null).toBeNull();
  });

  it('gets an ASCII slug from its French title and a permanent short id', async () => {
    const created = await payload.create({
      collection: 'fiches',
      data: { type: 'demarche', title: 'Échanger son permis de conduire étranger' },
      draft: true,
      context,
    });
    expect(created.slug).toBe('echanger-son-permis-de-conduire-etranger');
    expect(isShortId(created.shortId ?? '')).toBe(true);

    const renamed = await payload.update({
      collection: 'fiches',
      id: created.id,
      data: { title: 'Faire échanger son permis de conduire' },
      draft: true,
      context,
    });
    expect(renamed.slug).toBe('echanger-son-permis-de-conduire-etranger');
    expect(renamed.shortId).toBe(created.shortId);
  });

  it('keeps slugs unique by numbering homonyms', async () => {
    const first = await payload.create({
      collection: 'fiches',
      data: { type: 'demarche', title: 'Passer le DELF' },
      draft: true,
      context,
    });
    const second = await payload.create({
      collection: 'fiches',
      data: { type: 'demarche', title: 'Passer le DELF' },
      draft: true,
      context,
    });
    expect(first.slug).toBe('passer-le-delf');
    expect(second.slug).toBe('passer-le-delf-2');
    expect(second.shortId).not.toBe(first.shortId);
  });

  it('takes a provisional slug when created without a French title, then the real one', async () => {
    const created = await payload.create({
      collection: 'fiches',
      locale: 'ar',
      data: { type: 'demarche', title: 'عنوان' },
      draft: true,
      context,
    });
    expect(created.slug).toBe(`fiche-${created.shortId}`);
    const titled = await payload.update({
      collection: 'fiches',
      id: created.id,
      locale: 'fr',
      data: { title: 'Trouver un médecin traitant' },
      draft: true,
      context,
    });
    expect(titled.slug).toBe('trouver-un-medecin-traitant');
  });

  it('refuses a slug an editor typed with accents or spaces, in French', async () => {
    await expect(
      payload.create({
        collection: 'fiches',
        data: { ...frenchDemarche(taxonomy, 'Fiche mal nommée'), slug: 'Fiche mal nommée', _status: 'published' },
        context,
      }),
    ).rejects.toMatchObject({
      data: { errors: [expect.objectContaining({ path: 'slug', message: expect.stringContaining('lettres minuscules') })] },
    });
  });
});

describe('completeness when publishing', () => {
  it('saves an incomplete draft', async () => {
    const draft = await payload.create({
      collection: 'fiches',
      data: { type: 'dispositif', title: 'Ateliers vélo' },
      draft: true,
      context,
    });
    expect(draft._status).toBe('draft');
  });

  it('refuses to publish an incomplete fiche and names every missing field', async () => {
    const draft = await payload.create({
      collection: 'fiches',
      data: { type: 'dispositif', title: 'Cafés de la langue' },
      draft: true,
      context,
    });
    const attempt = payload.update({ collection: 'fiches', id: draft.id, data: { _status: 'published' }, context });
    await expect(attempt).rejects.toMatchObject({ name: 'ValidationError' });
    const error = await attempt.catch((caught: { data: { errors: { path: string; message: string }[] } }) => caught);
    const paths = (error as { data: { errors: { path: string }[] } }).data.errors.map((entry) => entry.path);
    expect(paths).toEqual(['summary', 'what', 'primaryTheme', 'mainStructure', 'how', 'brandName', 'why']);
    const stillDraft = await payload.findByID({ collection: 'fiches', id: draft.id, draft: true });
    expect(stillDraft._status).toBe('draft');
  });

  it('checks the French text even when publishing from another language', async () => {
    const draft = await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'Demander la CSS'), next: [] },
      draft: true,
      context,
    });
    const attempt = payload.update({
      collection: 'fiches',
      id: draft.id,
      locale: 'ar',
      data: { ...arabicDemarche(), _status: 'published' },
      context,
    });
    await expect(attempt).rejects.toMatchObject({ data: { errors: [expect.objectContaining({ path: 'next' })] } });
  });

  it('validates infocards on publish with messages in French', async () => {
    const attempt = payload.create({
      collection: 'fiches',
      data: {
        ...frenchDemarche(taxonomy, 'Fiche aux infocards fausses'),
        infocards: {
          location: { scope: 'departements', departements: [] },
          publicStatus: ['all', 'refugee'],
          age: { min: 30, max: 18 },
        },
        _status: 'published',
      },
      context,
    });
    const error = await attempt.catch((caught: { data?: { errors: { path: string; message: string }[] } }) => caught);
    expect((error as { data: { errors: { path: string; message: string }[] } }).data.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'infocards.location.departements', message: 'Choisissez au moins un département.' }),
        expect.objectContaining({ path: 'infocards.publicStatus', message: '« Tous » ne se combine pas avec d’autres choix.' }),
        expect.objectContaining({ path: 'infocards.age.max' }),
      ]),
    );
  });
});

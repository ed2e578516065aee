import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Payload } from 'payload';

import { createTaxonomy, frenchDemarche } from '../helpers/fixtures';
import { createTestPayload, type TestPayload } from '../helpers/payload';

const context = { skipRebuild: true };

let testPayload: TestPayload;
let payload: Payload;
let taxonomy: { themeId: string; structureId: string };
let rib: string;

beforeAll(async () => {
  testPayload = await createTestPayload();
  payload = testPayload.payload;
  taxonomy = await createTaxonomy(payload);
  rib = (
    await payload.create({ collection: 'documents', data: { slug: 'rib', name: 'RIB (relevé d’identité bancaire)' }, context })
  ).id;
  await payload.update({ collection: 'documents', id: rib, locale: 'ar', data: { name: 'RIB (كشف الهوية المصرفية)' }, context });
});

afterAll(async () => {
  await testPayload?.cleanup();
});

const demarche = (title: string, extra: Record<string, unknown> = {}) => ({
  ...frenchDemarche(taxonomy, title),
  noDocuments: false,
  ...extra,
});

async function refusal(action: Promise<unknown>): Promise<{ path: string; message: string }[]> {
  const error = (await action.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )) as { data?: { errors?: { path: string; message: string }[] } } | undefined;
  if (!error) throw new Error('expected the save to be refused');
  return error.data?.errors ?? [];
}

describe('documents to provide', () => {
  it('refuses to publish a démarche without any document or « aucun document », in French', async () => {
    const errors = await refusal(
      payload.create({ collection: 'fiches', data: { ...demarche('Sans document'), _status: 'published' }, context }),
    );
    expect(errors).toContainEqual({
      path: 'documents',
      message:
        'Indiquez au moins un document à fournir, ou cochez « Aucun document à fournir » (onglet « Documents et étapes »).',
    });
    const none = await payload.create({
      collection: 'fiches',
      data: { ...demarche('Aucun document'), noDocuments: true, _status: 'published' },
      context,
    });
    expect(none._status).toBe('published');
  });

  it('takes shared and fiche-specific documents in order, and the shared name comes translated from the list', async () => {
    const fiche = await payload.create({
      collection: 'fiches',
      data: {
        ...demarche('Demander le RSA'),
        documents: [
          { document: rib, need: 'required', note: 'à votre nom' },
          { name: 'Lettre de la banque', need: 'sometimes' },
        ],
        _status: 'published',
      },
      context,
    });
    const read = await payload.findByID({ collection: 'fiches', id: fiche.id, depth: 1, locale: 'ar' });
    const first = read.documents?.[0]?.document;
    expect(typeof first === 'object' && first?.name).toBe('RIB (كشف الهوية المصرفية)');
    const french = await payload.findByID({ collection: 'fiches', id: fiche.id, depth: 0, locale: 'fr' });
    expect(french.documents?.map((row) => [row.name ?? null, row.note ?? null, row.need])).toEqual([
      [null, 'à votre nom', 'required'],
      ['Lettre de la banque', null, 'sometimes'],
    ]);
  });

  it('makes each document a translation unit: validated, copied to the fiche, outdated when the French changes', async () => {
    const fiche = await payload.create({
      collection: 'fiches',
      data: {
        ...demarche('Ouvrir un compte'),
        documents: [
          { document: rib, need: 'required' },
          { name: 'Lettre de refus de la banque', note: 'si vous en avez une', need: 'sometimes' },
        ],
        _status: 'published',
      },
      context,
    });
    const { docs } = await payload.find({
      collection: 'translations',
      where: { and: [{ fiche: { equals: fiche.id } }, { language: { equals: 'ar' } }] },
      depth: 0,
    });
    const translation = docs[0]!;
    const saved = await payload.update({
      collection: 'translations',
      id: translation.id,
      data: {
        documents: [
          { name: null, note: null },
          { name: 'رسالة رفض البنك', note: 'إن كانت لديك' },
        ],
        status: 'validated',
      },
      context,
    });
    // The shared document without a note is no unit: it is translated once, in the list.
    expect(Object.keys(saved.units as object).filter((key) => key.startsWith('documents.'))).toEqual(['documents.1']);
    const arabic = await payload.findByID({ collection: 'fiches', id: fiche.id, locale: 'ar', fallbackLocale: false, depth: 0 });
    expect(arabic.documents?.[1]).toMatchObject({ name: 'رسالة رفض البنك', note: 'إن كانت لديك' });

    await payload.update({
      collection: 'fiches',
      id: fiche.id,
      locale: 'fr',
      data: {
        documents: [
          { document: rib, need: 'required' },
          { name: 'Lettre de refus de la banque', note: 'datée de moins d’un an', need: 'sometimes' },
        ],
        _status: 'published',
      },
      context,
    });
    const after = await payload.findByID({ collection: 'translations', id: translation.id, depth: 0 });
    expect((after.units as Record<string, { outdatedAt?: string | null }>)['documents.1']?.outdatedAt).toEqual(
      expect.any(String),
    );
    const status = await payload.find({ collection: 'fiches', where: { id: { equals: fiche.id } }, locale: 'all', depth: 0 });
    expect(
      (status.docs[0]?.translationStatus as Record<string, Record<string, { state: string }>>).ar?.['documents.1']?.state,
    ).toBe('outdated');
  });
});

describe('démarches before and after', () => {
  it('refuses a link that closes a loop, naming the fiches in French', async () => {
    const first = await payload.create({
      collection: 'fiches',
      data: { ...demarche('Ouvrir un compte bancaire'), noDocuments: true, _status: 'published' },
      context,
    });
    const second = await payload.create({
      collection: 'fiches',
      data: { ...demarche('Demander le RSA (boucle)'), noDocuments: true, stepsBefore: [first.id], _status: 'published' },
      context,
    });
    const third = await payload.create({
      collection: 'fiches',
      data: { ...demarche('S’inscrire à France Travail'), noDocuments: true, _status: 'published' },
      context,
    });
    // first → second (second says so), second → third (second says so too).
    await payload.update({ collection: 'fiches', id: second.id, data: { stepsAfter: [third.id] }, context });

    const errors = await refusal(
      payload.update({ collection: 'fiches', id: third.id, data: { stepsAfter: [first.id] }, context }),
    );
    expect(errors[0]?.message).toBe(
      'Ces liens formeraient une boucle : « S’inscrire à France Travail » → « Ouvrir un compte bancaire » → « Demander le RSA (boucle) » → « S’inscrire à France Travail ». Une démarche ne peut pas venir à la fois avant et après une autre : retirez l’un des liens.',
    );
    const viaBefore = await refusal(
      payload.update({ collection: 'fiches', id: first.id, data: { stepsBefore: [third.id] }, context }),
    );
    expect(viaBefore[0]?.message).toContain('Ces liens formeraient une boucle');
    const self = await refusal(payload.update({ collection: 'fiches', id: first.id, data: { stepsAfter: [first.id] }, context }));
    expect(self[0]?.message).toBe('Une démarche ne peut pas venir avant ou après elle-même.');
    const both = await refusal(
      payload.update({ collection: 'fiches', id: third.id, data: { stepsBefore: [first.id], stepsAfter: [first.id] }, context }),
    );
    expect(both[0]?.message).toContain('Une démarche ne peut pas venir à la fois avant et après une autre');

    // A link that only repeats an existing order is fine.
    const fine = await payload.update({ collection: 'fiches', id: third.id, data: { stepsBefore: [first.id] }, context });
    expect(fine.stepsBefore).toEqual([expect.objectContaining({ id: first.id })]);
  });

  it('keeps the link to an unpublished démarche in the CMS; the export gives its id for the site to drop', async () => {
    const draft = await payload.create({
      collection: 'fiches',
      data: { type: 'demarche', title: 'Pas encore en ligne' },
      draft: true,
      context,
    });
    const fiche = await payload.create({
      collection: 'fiches',
      data: { ...demarche('Avec un lien en brouillon'), noDocuments: true, stepsAfter: [draft.id], _status: 'published' },
      context,
    });
    const read = await payload.findByID({ collection: 'fiches', id: fiche.id, depth: 0 });
    expect(read.stepsAfter).toEqual([draft.id]);
  });
});

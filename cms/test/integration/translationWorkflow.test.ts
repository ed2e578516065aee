import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { Payload } from 'payload';

import { FicheSchema } from '@passerelle/content-schemas';

import { recordQueries } from '../../src/database/queryLog';
import { markupToLexical } from '../../src/seed/markupToLexical';
import { arabicDemarche, createTaxonomy, frenchDemarche } from '../helpers/fixtures';
import { createTestPayload, type TestPayload } from '../helpers/payload';
import { restClient, type RestClient } from '../helpers/rest';
import { createUsersAndLogIn, type Role } from '../helpers/users';

const context = { skipRebuild: true };
const item = (title: string, text: string, direction: 'ltr' | 'rtl' = 'ltr') => ({
  title,
  body: markupToLexical(text, direction, (key) => key),
});

let testPayload: TestPayload;
let payload: Payload;
let api: RestClient;
let tokens: Record<Role, string>;
let taxonomy: { themeId: string; structureId: string };

/** What the site's export sees: the published fiche, all languages, as anonymous. */
async function publicFiche(id: string) {
  const response = await api('GET', `/fiches/${id}?locale=all&depth=0`);
  expect(response.status).toBe(200);
  return FicheSchema.parse(response.body);
}

async function translationOf(ficheId: string, language: string): Promise<string> {
  const { docs } = await payload.find({
    collection: 'translations',
    where: { and: [{ fiche: { equals: ficheId } }, { language: { equals: language } }] },
    depth: 0,
  });
  return docs[0]!.id;
}

/** Unit records keep who proposed and validated as user ids, never e-mail addresses. */
async function userId(email: string): Promise<string> {
  const { docs } = await payload.find({ collection: 'users', where: { email: { equals: email } }, depth: 0 });
  return String(docs[0]!.id);
}

/** A published fiche with validated Arabic and English translations, as the seed makes them. */
async function translatedFiche(title: string): Promise<string> {
  const fiche = await payload.create({
    collection: 'fiches',
    data: { ...frenchDemarche(taxonomy, title), _status: 'published' },
    context,
  });
  await payload.update({
    collection: 'translations',
    id: await translationOf(fiche.id, 'ar'),
    data: { ...arabicDemarche(), status: 'validated' } as never,
    context,
  });
  await payload.update({
    collection: 'translations',
    id: await translationOf(fiche.id, 'en'),
    data: {
      title: 'Get your carte Vitale',
      summary: 'The carte Vitale shows your health insurance rights.',
      what: [item('The carte Vitale', 'A green card with your photo.')],
      how: [item('Apply', 'Log in to your ameli account.')],
      next: [item('Receive the card', 'It arrives by post.')],
      status: 'validated',
    } as never,
    context,
  });
  return fiche.id;
}

beforeAll(async () => {
  testPayload = await createTestPayload();
  payload = testPayload.payload;
  api = restClient(testPayload.config);
  taxonomy = await createTaxonomy(payload);
  const other = await payload.create({
    collection: 'structures',
    data: { slug: 'toit-partage', name: 'Toit Partagé', kind: 'association', status: 'active' },
    context,
  });
  tokens = await createUsersAndLogIn(payload, api, { a: taxonomy.structureId, b: other.id });
});

afterAll(async () => {
  await testPayload?.cleanup();
});

describe('translation workflow', () => {
  it('gives every new fiche one translation document per language, not started', async () => {
    const fiche = await payload.create({
      collection: 'fiches',
      data: { type: 'demarche', title: 'Nouvelle fiche' },
      draft: true,
      context,
    });
    const { docs } = await payload.find({ collection: 'translations', where: { fiche: { equals: fiche.id } }, depth: 0 });
    expect(docs.map((doc) => doc.language).sort()).toEqual(['ar', 'en', 'fa', 'ps', 'ru', 'ti', 'uk']);
    expect(new Set(docs.map((doc) => doc.status))).toEqual(new Set(['notStarted']));
  });

  it('keeps a proposal off the site until an expert validates it, then publishes it', async () => {
    const fiche = await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'Ouvrir un compte'), _status: 'published' },
      context,
    });
    const translation = await translationOf(fiche.id, 'ar');

    const proposed = await api('PATCH', `/translations/${translation}`, {
      token: tokens.translatorAr,
      body: { ...arabicDemarche(), status: 'toReview' },
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body.doc.status).toBe('toReview');
    expect(proposed.body.doc.units.title).toMatchObject({ proposedBy: await userId('translatorar@example.test') });

    const before = await publicFiche(fiche.id);
    expect(before.title.ar ?? null).toBeNull();
    expect(before.translationStatus?.ar).toBeUndefined();

    const validated = await api('PATCH', `/translations/${translation}`, {
      token: tokens.expertAr,
      body: { status: 'validated' },
    });
    expect(validated.status).toBe(200);
    expect(validated.body.doc.units.title).toMatchObject({ validatedBy: await userId('expertar@example.test') });

    const after = await publicFiche(fiche.id);
    expect(after.title.ar).toBe('الحصول على بطاقة فيتال');
    expect(after.how.ar?.[0]?.title).toBe('تقديم الطلب');
    expect(after.translationStatus?.ar?.title?.state).toBe('validated');
    expect(after.translationStatus?.ar?.['how.0']?.state).toBe('validated');
  });

  it('publishes a validated translation without publishing a French draft in progress', async () => {
    const id = (
      await payload.create({
        collection: 'fiches',
        data: { ...frenchDemarche(taxonomy, 'Titre en ligne'), _status: 'published' },
        context,
      })
    ).id;
    await payload.update({ collection: 'fiches', id, data: { title: 'Titre en préparation' }, draft: true, context });
    await api('PATCH', `/translations/${await translationOf(id, 'ar')}`, {
      token: tokens.expertAr,
      body: { ...arabicDemarche(), status: 'validated' },
    });
    const live = await publicFiche(id);
    expect(live.title.fr).toBe('Titre en ligne');
    expect(live.title.ar).toBe('الحصول على بطاقة فيتال');
  });

  it('marks only the changed French section outdated, in every language, with the date', async () => {
    const id = await translatedFiche('Demander la CSS');
    const response = await api('PATCH', `/fiches/${id}`, {
      token: tokens.editor,
      body: {
        how: [item('Faire la demande', 'Remplissez le formulaire en ligne sur ameli.fr, ou à l’accueil de la CPAM.')],
        _status: 'published',
      },
    });
    expect(response.status).toBe(200);

    const fiche = await publicFiche(id);
    for (const language of ['ar', 'en'] as const) {
      const status = fiche.translationStatus?.[language] ?? {};
      expect(status['how.0']?.state, language).toBe('outdated');
      expect(status['how.0']?.frenchChangedAt, language).toMatch(/^\d{4}-/);
      expect(
        Object.entries(status)
          .filter(([, unit]) => unit.state === 'outdated')
          .map(([key]) => key),
        language,
      ).toEqual(['how.0']);
    }
    // The outdated translation stays visible; the site shows it with a notice.
    expect(fiche.how.ar?.[0]?.title).toBe('تقديم الطلب');

    const expertView = await api('GET', `/translations/${await translationOf(id, 'ar')}`, { token: tokens.expertAr });
    expect(expertView.body.units['how.0'].outdatedAt).toMatch(/^\d{4}-/);
    expect(expertView.body.units['how.0'].sourceText).toContain('Connectez-vous');
  });

  it.skipIf(Boolean(process.env.DATABASE_URI?.startsWith('mongodb')))(
    'follows a French title and section change published with one write per translation, its text left alone',
    async () => {
      const id = await translatedFiche('Demander la complémentaire santé');
      const stop = recordQueries();
      const response = await api('PATCH', `/fiches/${id}`, {
        token: tokens.editor,
        body: {
          title: 'Demander la Complémentaire santé solidaire',
          how: [item('Faire la demande', 'Remplissez le formulaire en ligne, ou déposez-le à la CPAM.')],
          _status: 'published',
        },
      });
      const statements = stop().map(({ sql }) => sql);
      expect(response.status).toBe(200);
      // Seven languages, each relabelled (the Arabic and English ones outdated too): one UPDATE
      // each. A Local API update per document rewrote its text arrays and read it back, several
      // times per document (relabel, outdate, progress).
      expect(statements.filter((sql) => /^update "translations"/i.test(sql))).toHaveLength(7);
      expect(statements.filter((sql) => /^(insert into|delete from) "translations_/i.test(sql))).toEqual([]);
      const { docs } = await payload.find({ collection: 'translations', where: { fiche: { equals: id } }, depth: 0 });
      expect(docs.map((doc) => doc.label).sort()).toEqual(
        ['ar', 'en', 'fa', 'ps', 'ru', 'ti', 'uk'].map((language) => `Demander la Complémentaire santé solidaire — ${language}`),
      );
      const arabic = docs.find((doc) => doc.language === 'ar')!;
      expect(arabic.status).toBe('inProgress');
      expect(arabic.progress?.outdated).toBe(2);
      expect(arabic.how?.[0]?.title).toBe('تقديم الطلب');
    },
  );

  it('keeps translations valid after a French change marked minor', async () => {
    const id = await translatedFiche('Demander l’AME');
    const response = await api('PATCH', `/fiches/${id}`, {
      token: tokens.editor,
      body: {
        summary: 'La carte Vitale montre vos droits à l’Assurance Maladie, chez le médecin et à la pharmacie.',
        minorChange: true,
        _status: 'published',
      },
    });
    expect(response.status).toBe(200);
    const fiche = await publicFiche(id);
    const outdated = Object.values(fiche.translationStatus ?? {})
      .flatMap((units) => Object.values(units))
      .filter((unit) => unit.state === 'outdated');
    expect(outdated).toEqual([]);
    expect(fiche.translationStatus?.ar?.summary?.state).toBe('validated');
  });

  it('brings an outdated unit back once the expert validates the updated translation', async () => {
    const id = await translatedFiche('Obtenir une attestation');
    await api('PATCH', `/fiches/${id}`, {
      token: tokens.editor,
      body: { title: 'Obtenir une attestation de droits', _status: 'published' },
    });
    expect((await publicFiche(id)).translationStatus?.ar?.title?.state).toBe('outdated');
    const translation = await translationOf(id, 'ar');
    await api('PATCH', `/translations/${translation}`, {
      token: tokens.translatorAr,
      body: { title: 'الحصول على إفادة الحقوق', status: 'toReview' },
    });
    await api('PATCH', `/translations/${translation}`, { token: tokens.expertAr, body: { status: 'validated' } });
    const fiche = await publicFiche(id);
    expect(fiche.translationStatus?.ar?.title?.state).toBe('validated');
    expect(fiche.title.ar).toBe('الحصول على إفادة الحقوق');
  });

  it('sends an edited validated translation back to "in progress" until it is validated again', async () => {
    const id = await translatedFiche('Passer le code');
    const translation = await translationOf(id, 'ar');
    const edited = await api('PATCH', `/translations/${translation}`, {
      token: tokens.translatorAr,
      body: { summary: 'ملخص جديد' },
    });
    expect(edited.body.doc.status).toBe('inProgress');
    expect((await publicFiche(id)).summary.ar).toBe(arabicDemarche().summary);
  });
});

describe('translation status on reads', () => {
  it('a list read in all languages gets each fiche its own status, from one query for the whole page', async () => {
    const translated = await translatedFiche('Ouvrir un compte bancaire');
    const untranslated = await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'Fiche non traduite'), _status: 'published' },
      context,
    });
    const find = vi.spyOn(payload, 'find');
    try {
      const { docs } = await payload.find({
        collection: 'fiches',
        where: { id: { in: [translated, untranslated.id] } },
        locale: 'all',
        depth: 0,
      });
      const byId = new Map(
        docs.map((doc) => [doc.id, doc.translationStatus as Record<string, Record<string, { state: string }>>]),
      );
      expect(byId.get(translated)?.ar?.title?.state).toBe('validated');
      expect(byId.get(translated)?.en?.summary?.state).toBe('validated');
      expect(byId.get(untranslated.id)).toEqual({});
      expect(find.mock.calls.filter(([args]) => args.collection === 'translations')).toHaveLength(1);
    } finally {
      find.mockRestore();
    }
  });

  it('the admin’s French reads skip it: no query per fiche in its lists', async () => {
    await translatedFiche('Inscrire son enfant à l’école');
    const find = vi.spyOn(payload, 'find');
    try {
      const { docs } = await payload.find({ collection: 'fiches', locale: 'fr', draft: true, depth: 0, limit: 10 });
      expect(docs.length).toBeGreaterThan(1);
      expect(docs.every((doc) => doc.translationStatus === undefined || doc.translationStatus === null)).toBe(true);
      expect(find.mock.calls.filter(([args]) => args.collection === 'translations')).toHaveLength(0);
    } finally {
      find.mockRestore();
    }
  });
});

describe('contributors', () => {
  it('submit a dispositif of their structure for review; an editor publishes it', async () => {
    const created = await api('POST', '/fiches?draft=true', {
      token: tokens.contributorA,
      body: {
        type: 'dispositif',
        title: 'Permanence d’accès aux droits',
        brandName: 'Droits pour tous',
        summary: 'Une permanence gratuite pour vous aider dans vos démarches.',
        what: [item('La permanence', 'Des juristes bénévoles vous reçoivent.')],
        why: [
          item('Gratuit', 'Vous ne payez rien.'),
          item('Sans rendez-vous', 'Venez le mardi.'),
          item('Interprètes', 'En arabe et en dari.'),
        ],
        how: [item('Venir', 'Le mardi de 14 h à 17 h.')],
        primaryTheme: taxonomy.themeId,
        reviewRequested: true,
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.doc.id as string;
    expect(created.body.doc.mainStructure.id).toBe(taxonomy.structureId);

    const selfPublish = await api('PATCH', `/fiches/${id}`, { token: tokens.contributorA, body: { _status: 'published' } });
    expect(selfPublish.status).toBe(400);
    expect(JSON.stringify(selfPublish.body)).toContain('Les contributeurs ne publient pas');
    expect((await api('GET', `/fiches/${id}`)).status).toBe(404);
    expect((await api('GET', `/fiches/${id}?draft=true`, { token: tokens.contributorB })).status).toBe(404);

    const queue = await api('GET', '/fiches?draft=true&where[reviewRequested][equals]=true', { token: tokens.editor });
    expect(queue.body.docs.map((doc: { id: string }) => doc.id)).toContain(id);

    const published = await api('PATCH', `/fiches/${id}`, { token: tokens.editor, body: { _status: 'published' } });
    expect(published.status).toBe(200);
    expect(published.body.doc.reviewRequested).toBe(false);
    expect((await api('GET', `/fiches/${id}`)).status).toBe(200);
  });
});

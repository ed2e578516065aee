/**
 * What editors, contributors and translators do in the admin, checked on the hooks and access
 * rules behind it (REST, as the admin calls it): a contributor's new fiche, « Dupliquer », short
 * ids that clients cannot set, and the editor's « Modification mineure ».
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Payload } from 'payload';

import { isShortId } from '@passerelle/content-schemas';

import { abandonedAfterMs, sweepAbandonedFiches } from '../../src/collections/Fiches/hooks/sweepAbandonedFiches';
import { arabicDemarche, createTaxonomy, frenchDemarche } from '../helpers/fixtures';
import { createTestPayload, type TestPayload } from '../helpers/payload';
import { restClient, type RestClient } from '../helpers/rest';
import { createUsersAndLogIn, type Role } from '../helpers/users';

const context = { skipRebuild: true };

let testPayload: TestPayload;
let payload: Payload;
let api: RestClient;
let tokens: Record<Role, string>;
let taxonomy: { themeId: string; structureId: string };

async function translationOf(ficheId: string, language: string) {
  const { docs } = await payload.find({
    collection: 'translations',
    where: { and: [{ fiche: { equals: ficheId } }, { language: { equals: language } }] },
    depth: 0,
  });
  return docs[0]!;
}

/** A published fiche with a validated Arabic translation. */
async function translatedFiche(title: string) {
  const fiche = await payload.create({
    collection: 'fiches',
    data: { ...frenchDemarche(taxonomy, title), _status: 'published' },
    context,
  });
  const translation = await translationOf(fiche.id, 'ar');
  await payload.update({
    collection: 'translations',
    id: translation.id,
    data: { ...arabicDemarche(), status: 'validated' } as never,
    context,
  });
  return payload.findByID({ collection: 'fiches', id: fiche.id, depth: 0 });
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

describe('a contributor creating a fiche', () => {
  it('gets a dispositif of their own structure without choosing either, as « Créer » sends it', async () => {
    // The admin's first autosave of a new document carries no type and no structure.
    const created = await api('POST', '/fiches?draft=true&locale=fr', {
      token: tokens.contributorA,
      body: { title: 'Atelier de conversation' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.doc).toMatchObject({ type: 'dispositif', _status: 'draft' });
    const mainStructure = created.body.doc.mainStructure;
    expect(typeof mainStructure === 'object' ? mainStructure.id : mainStructure).toBe(taxonomy.structureId);

    const submitted = await api('PATCH', `/fiches/${created.body.doc.id}?draft=true&locale=fr`, {
      token: tokens.contributorA,
      body: { reviewRequested: true },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.doc.reviewRequested).toBe(true);
  });

  it('still cannot make a démarche, and hears why in French', async () => {
    const refused = await api('POST', '/fiches?draft=true&locale=fr', {
      token: tokens.contributorA,
      body: { title: 'Une démarche', type: 'demarche' },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('Une structure partenaire ne peut proposer que des dispositifs.');
  });

  it('leaves an editor’s default a démarche', async () => {
    const created = await api('POST', '/fiches?draft=true&locale=fr', {
      token: tokens.editor,
      body: { title: 'Une démarche d’éditeur' },
    });
    expect(created.status).toBe(201);
    expect(created.body.doc.type).toBe('demarche');
  });
});

describe('short ids', () => {
  it('ignores a short id sent on create and on update', async () => {
    const created = await api('POST', '/fiches?draft=true&locale=fr', {
      token: tokens.editor,
      body: { title: 'Un identifiant imposé', shortId: 'aaaaaa' },
    });
    expect(created.status).toBe(201);
    const { shortId } = created.body.doc;
    expect(isShortId(shortId)).toBe(true);
    expect(shortId).not.toBe('aaaaaa');

    const updated = await api('PATCH', `/fiches/${created.body.doc.id}?draft=true&locale=fr`, {
      token: tokens.editor,
      body: { shortId: 'qfe6nr - Copy' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.doc.shortId).toBe(shortId);
  });
});

describe('« Dupliquer »', () => {
  it('makes a French draft with its own slug and short id, and none of the source’s translations', async () => {
    const source = await translatedFiche('Ateliers de français à Lyon');
    const response = await api('POST', `/fiches/${source.id}/duplicate?locale=fr`, { token: tokens.editor, body: {} });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const copy = response.body.doc;

    expect(copy.id).not.toBe(source.id);
    expect(copy._status).toBe('draft');
    expect(copy.title).toBe('Ateliers de français à Lyon');
    expect(copy.slug).toBe('ateliers-de-francais-a-lyon-2');
    expect(isShortId(copy.shortId)).toBe(true);
    expect(copy.shortId).not.toBe(source.shortId);

    // No Arabic text on the copy, and its translation record starts empty.
    const arabic = await payload.findByID({
      collection: 'fiches',
      id: copy.id,
      locale: 'ar',
      fallbackLocale: false,
      draft: true,
      depth: 0,
    });
    expect(arabic.title ?? null).toBeNull();
    expect(arabic.how ?? []).toEqual([]);
    const translation = await translationOf(copy.id, 'ar');
    expect(translation).toMatchObject({ status: 'notStarted' });
    expect(translation.title ?? null).toBeNull();

    // Published, it shows French in Arabic (the fallback), never the source's Arabic.
    const published = await api('PATCH', `/fiches/${copy.id}?locale=fr`, {
      token: tokens.editor,
      body: { title: 'Ateliers de français à Villeurbanne', _status: 'published' },
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const live = await api('GET', `/fiches/${copy.id}?locale=all&depth=0`);
    expect(live.body.title.ar ?? null).toBeNull();
    expect(live.body.translationStatus ?? {}).toEqual({});
    // The source keeps its own.
    expect((await payload.findByID({ collection: 'fiches', id: source.id, locale: 'ar', depth: 0 })).title).toBe(
      'الحصول على بطاقة فيتال',
    );
  });
});

describe('« Modification mineure »', () => {
  it('is an input in the admin (Payload makes virtual fields read-only otherwise)', async () => {
    const config = await testPayload.config;
    const fields = config.collections.find((collection) => collection.slug === 'fiches')!.flattenedFields;
    const minorChange = fields.find((field) => field.name === 'minorChange')!;
    expect(minorChange.admin?.readOnly).toBe(false);
  });

  it('keeps every translation valid when an editor ticks it and publishes', async () => {
    const fiche = await translatedFiche('Demander la carte Vitale');
    const response = await api('PATCH', `/fiches/${fiche.id}?locale=fr`, {
      token: tokens.editor,
      body: {
        summary: 'La carte Vitale montre vos droits à l’Assurance Maladie : chez le médecin, à la pharmacie.',
        minorChange: true,
        _status: 'published',
      },
    });
    expect(response.status).toBe(200);
    const translation = await translationOf(fiche.id, 'ar');
    const outdated = Object.values((translation.units ?? {}) as Record<string, { outdatedAt?: string | null }>).filter(
      (unit) => unit.outdatedAt,
    );
    expect(outdated).toEqual([]);
  });
});

describe('the state editors read', () => {
  async function latestVersionStatus(id: string) {
    const { docs } = await payload.findVersions({
      collection: 'fiches',
      where: { and: [{ parent: { equals: id } }, { latest: { equals: true } }] },
      depth: 0,
    });
    return docs[0]?.version._status;
  }

  it('a validated translation leaves the fiche « Publié », not « Brouillon (a une version publiée) »', async () => {
    const fiche = await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'Trouver un médecin traitant'), _status: 'published' },
      context,
    });
    const translation = await translationOf(fiche.id, 'ar');
    const validated = await api('PATCH', `/translations/${translation.id}`, {
      token: tokens.expertAr,
      body: { ...arabicDemarche(), status: 'validated' },
    });
    expect(validated.status).toBe(200);
    expect(await latestVersionStatus(fiche.id)).toBe('published');
    // What the admin's list reads (drafts included) is the published fiche, Arabic included.
    const listed = await api('GET', `/fiches?draft=true&locale=ar&depth=0&where[id][equals]=${fiche.id}`, {
      token: tokens.editor,
    });
    expect(listed.body.docs[0]).toMatchObject({ _status: 'published', title: 'الحصول على بطاقة فيتال' });
  });

  it('a French draft in progress stays a draft when a translation is validated meanwhile', async () => {
    const fiche = await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'Titre publié'), _status: 'published' },
      context,
    });
    await payload.update({ collection: 'fiches', id: fiche.id, data: { title: 'Titre en préparation' }, draft: true, context });
    const translation = await translationOf(fiche.id, 'ar');
    await api('PATCH', `/translations/${translation.id}`, {
      token: tokens.expertAr,
      body: { ...arabicDemarche(), status: 'validated' },
    });
    expect(await latestVersionStatus(fiche.id)).toBe('draft');
    const draft = await payload.findByID({ collection: 'fiches', id: fiche.id, draft: true, locale: 'fr', depth: 0 });
    expect(draft.title).toBe('Titre en préparation');
    const live = await payload.findByID({ collection: 'fiches', id: fiche.id, locale: 'fr', depth: 0 });
    expect(live.title).toBe('Titre publié');
  });

  it('a translation is no longer « Validée » once one of its sections is outdated, and is again when the French comes back', async () => {
    const fiche = await translatedFiche('Passer le code de la route');
    const original = fiche.how;
    await api('PATCH', `/fiches/${fiche.id}?locale=fr`, {
      token: tokens.editor,
      body: { how: [{ title: 'Faire sa demande en ligne', body: original?.[0]?.body }], _status: 'published' },
    });
    expect((await translationOf(fiche.id, 'ar')).status).toBe('inProgress');
    expect((await translationOf(fiche.id, 'en')).status).toBe('notStarted');

    await api('PATCH', `/fiches/${fiche.id}?locale=fr`, { token: tokens.editor, body: { how: original, _status: 'published' } });
    expect((await translationOf(fiche.id, 'ar')).status).toBe('validated');
  });
});

describe('the toast an editor reads', () => {
  it('names invalid fields by their French labels, in French', async () => {
    const created = await api('POST', '/fiches?draft=true&locale=fr', {
      token: tokens.editor,
      body: { title: 'Une fiche commencée' },
    });
    const refused = await api('PATCH', `/fiches/${created.body.doc.id}?locale=fr`, {
      token: tokens.editor,
      body: { _status: 'published' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toBe(
      'Les champs suivants ne sont pas valides : Résumé, C’est quoi ?, Thème principal, Structure responsable, Comment faire ?, Et après ?, Documents à fournir',
    );
    // Each field still gets its own sentence beside it.
    expect(refused.body.errors[0].data.errors.map((error: { path: string }) => error.path)).toContain('primaryTheme');
  });

  it('gives one refused field its label and its sentence, which the toast must not cut at a colon', async () => {
    const fiche = await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'Valider trop tôt'), _status: 'published' },
      context,
    });
    const translation = await translationOf(fiche.id, 'ar');
    const refused = await api('PATCH', `/translations/${translation.id}`, {
      token: tokens.translatorAr,
      body: { title: 'عنوان', status: 'validated' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toBe(
      'État — Seul un traducteur expert de cette langue peut valider une traduction. Choisissez « À relire ».',
    );
  });

  it('says the French sentence of a refusal that belongs to no field', async () => {
    const created = await api('POST', '/fiches?draft=true&locale=fr', {
      token: tokens.contributorA,
      body: { title: 'Un dispositif pressé' },
    });
    const refused = await api('PATCH', `/fiches/${created.body.doc.id}?locale=fr`, {
      token: tokens.contributorA,
      body: { _status: 'published' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toMatch(/^Les contributeurs ne publient pas — cochez « Soumettre pour relecture »/);
    // A contributor does not see the type: its refusal is a sentence too.
    const demarche = await api('POST', '/fiches?draft=true&locale=fr', {
      token: tokens.contributorA,
      body: { title: 'x', type: 'demarche' },
    });
    expect(demarche.body.errors[0].message).toBe('Une structure partenaire ne peut proposer que des dispositifs.');
  });
});

describe('tidiness', () => {
  it('makes a structure’s slug from its name, numbered when taken', async () => {
    const first = await api('POST', '/structures', {
      token: tokens.editor,
      body: { name: 'Parole & Langues Lyon', kind: 'association', status: 'active' },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.doc.slug).toBe('parole-langues-lyon');
    const second = await api('POST', '/structures', {
      token: tokens.editor,
      body: { name: 'Parole & Langues Lyon', kind: 'association', status: 'active', slug: '' },
    });
    expect(second.body.doc.slug).toBe('parole-langues-lyon-2');
  });

  it('creates no translation record for a fiche abandoned before its title, and keeps labels in step with the title', async () => {
    const created = await api('POST', '/fiches?draft=true&locale=fr', { token: tokens.editor, body: {} });
    expect(created.status).toBe(201);
    const none = await payload.count({ collection: 'translations', where: { fiche: { equals: created.body.doc.id } } });
    expect(none.totalDocs).toBe(0);

    await api('PATCH', `/fiches/${created.body.doc.id}?draft=true&locale=fr`, {
      token: tokens.editor,
      body: { title: 'Apprendre à nager' },
    });
    expect((await translationOf(created.body.doc.id, 'ar')).label).toBe('Apprendre à nager — ar');
    await api('PATCH', `/fiches/${created.body.doc.id}?draft=true&locale=fr`, {
      token: tokens.editor,
      body: { title: 'Apprendre à nager à Lyon' },
    });
    const { docs } = await payload.find({
      collection: 'translations',
      where: { fiche: { equals: created.body.doc.id } },
      depth: 0,
    });
    expect(docs).toHaveLength(7);
    expect(docs.every((doc) => doc.label === `Apprendre à nager à Lyon — ${doc.language}`)).toBe(true);
  });
});

describe('Payload’s own French', () => {
  it('has none of the clumsy strings editors met, and speaks of languages, not « locales »', () => {
    const french = JSON.stringify((payload.config.i18n.translations as Record<string, unknown>).fr);
    for (const clumsy of [
      'nouveau ou nouvelle',
      'Copier vers le lieu',
      'Retour à la locale',
      'la locale',
      'Locale à publier',
      'paramètres régionaux',
      'localités',
    ])
      expect(french.toLowerCase(), clumsy).not.toContain(clumsy.toLowerCase());
    const general = (payload.config.i18n.translations as { fr: { general: Record<string, string> } }).fr.general;
    expect(general.createNew).toBe('Créer');
    expect(general.fallbackToDefaultLocale).toBe('Revenir au texte français');
  });
});

describe('an abandoned « Créer »', () => {
  // What the admin does on « Créer » with autosave on: a draft saved before anything is typed.
  const clickCreate = () => api('POST', '/fiches?draft=true&locale=fr', { token: tokens.editor, body: {} });

  it('is deleted once nobody wrote in it, and nothing else is', async () => {
    const blank = (await clickCreate()).body.doc.id as string;
    // Typed a summary and no title: the admin's autosave made a second version.
    const typed = (await clickCreate()).body.doc.id as string;
    await api('PATCH', `/fiches/${typed}?draft=true&autosave=true&locale=fr`, {
      token: tokens.editor,
      body: { summary: 'Un début de résumé.' },
    });
    // Still open in someone's browser: Payload keeps a document lock.
    const open = (await clickCreate()).body.doc.id as string;
    await payload.create({
      collection: 'payload-locked-documents',
      data: {
        document: { relationTo: 'fiches', value: open },
        globalSlug: null,
        user: { relationTo: 'users', value: (await payload.find({ collection: 'users', limit: 1 })).docs[0]!.id },
      },
      overrideAccess: true,
    });
    const titled = await payload.create({
      collection: 'fiches',
      data: frenchDemarche(taxonomy, 'Ouvrir un compte bancaire'),
      draft: true,
      context,
    });

    const swept = await sweepAbandonedFiches(payload, { olderThanMs: 0 });
    expect(swept).toContain(blank);
    expect(swept).not.toEqual(expect.arrayContaining([typed]));
    expect(swept).not.toEqual(expect.arrayContaining([open]));
    const left = await payload.find({
      collection: 'fiches',
      where: { id: { in: [blank, typed, open, titled.id] } },
      draft: true,
      depth: 0,
    });
    expect(left.docs.map((doc) => doc.id).sort()).toEqual([typed, open, titled.id].sort());
  });

  it('is swept by the next « Créer » once old enough, not before', async () => {
    const first = (await clickCreate()).body.doc.id as string;
    const second = (await clickCreate()).body.doc.id as string;
    // Thirty minutes are not over: both stay.
    expect((await payload.count({ collection: 'fiches', where: { id: { in: [first, second] } } })).totalDocs).toBe(2);
    await payload.db.updateOne({
      collection: 'fiches',
      id: first,
      data: { createdAt: new Date(Date.now() - abandonedAfterMs - 1000).toISOString() },
    });
    const third = (await clickCreate()).body.doc.id as string;
    const left = await payload.find({ collection: 'fiches', where: { id: { in: [first, second, third] } }, depth: 0 });
    expect(left.docs.map((doc) => doc.id).sort()).toEqual([second, third].sort());
  });
});

describe('the states each role is offered', () => {
  async function offered(email: string, current?: string) {
    const config = await testPayload.config;
    const field = config.collections
      .find((collection) => collection.slug === 'translations')!
      .flattenedFields.find((candidate) => candidate.name === 'status');
    const { docs } = await payload.find({ collection: 'users', where: { email: { equals: email } }, depth: 0 });
    const filter = (field as { filterOptions?: (args: unknown) => { value: string }[] }).filterOptions!;
    const options = (field as { options: { value: string }[] }).options;
    return filter({ options, req: { user: docs[0] }, data: {}, siblingData: { status: current } }).map((option) => option.value);
  }

  it('a translator is offered « En cours » and « À relire », not « Validée »', async () => {
    expect(await offered('translatorar@example.test', 'inProgress')).toEqual(['inProgress', 'toReview']);
  });

  it('an expert is offered « Validée » too', async () => {
    expect(await offered('expertar@example.test', 'toReview')).toEqual(['inProgress', 'toReview', 'validated']);
  });

  it('the current state stays listed so the field can show it', async () => {
    expect(await offered('translatorar@example.test', 'validated')).toEqual(['inProgress', 'toReview', 'validated']);
  });
});

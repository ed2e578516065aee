import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Payload } from 'payload';

import { changeNoteIn, FicheSchema } from '@passerelle/content-schemas';

import { arabicDemarche, createTaxonomy, frenchDemarche } from '../helpers/fixtures';
import { createTestPayload, type TestPayload } from '../helpers/payload';
import { restClient, type RestClient } from '../helpers/rest';

const context = { skipRebuild: true };

let testPayload: TestPayload;
let payload: Payload;
let api: RestClient;
let taxonomy: { themeId: string; structureId: string };
let editorToken: string;

beforeAll(async () => {
  testPayload = await createTestPayload();
  payload = testPayload.payload;
  api = restClient(testPayload.config);
  taxonomy = await createTaxonomy(payload);
  await payload.create({
    collection: 'users',
    data: { email: 'editor@example.test', name: 'Éditrice', password: 'correct horse battery', roles: ['editor'], languages: [] },
  });
  editorToken = (await api('POST', '/users/login', { body: { email: 'editor@example.test', password: 'correct horse battery' } }))
    .body.token;
});

afterAll(async () => {
  await testPayload?.cleanup();
});

async function publishedFiche(title: string, changeNote?: string) {
  return payload.create({
    collection: 'fiches',
    data: { ...frenchDemarche(taxonomy, title), changeNote, _status: 'published' },
    context,
  });
}

const read = (id: string) =>
  payload.findByID({ collection: 'fiches', id, locale: 'all', depth: 0 }) as Promise<Record<string, any>>;

describe('the change note field', () => {
  it('refuses more than 200 characters, with a French message', async () => {
    const error = await publishedFiche('Note trop longue', 'x'.repeat(201)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      data: {
        errors: [{ path: 'changeNote', message: 'La note de modification ne doit pas dépasser 200 caractères (elle en a 201).' }],
      },
    });
  });

  it('accepts 200 characters', async () => {
    const fiche = await publishedFiche('Note de 200 caractères', 'é'.repeat(200));
    expect(fiche.changeNote).toBe('é'.repeat(200));
  });

  it('is dated by the publication that carries it', async () => {
    const before = Date.now();
    const fiche = await publishedFiche('Fiche avec note', 'Nouveau : un rendez-vous suffit.');
    expect(fiche.changeNote).toBe('Nouveau : un rendez-vous suffit.');
    expect(Date.parse(fiche.changeNoteDate ?? '')).toBeGreaterThanOrEqual(before - 1000);
  });

  it('is not dated while the fiche is a draft', async () => {
    const draft = await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'Brouillon avec note'), changeNote: 'À venir' },
      draft: true,
      context,
    });
    expect(draft.changeNote).toBe('À venir');
    expect(draft.changeNoteDate ?? null).toBeNull();
  });

  it('is not announced again by a later publication without a new note', async () => {
    const fiche = await publishedFiche('Fiche republiée', 'Les horaires changent.');
    // The editor's form still holds the note: publishing it unchanged retires it.
    const again = await payload.update({
      collection: 'fiches',
      id: fiche.id,
      data: { summary: 'Un résumé corrigé.', changeNote: 'Les horaires changent.', _status: 'published' },
      context,
    });
    expect(again.changeNote ?? null).toBeNull();
    expect(again.changeNoteDate ?? null).toBeNull();
  });

  it('gets a new date when a later publication carries a new note, typed in autosaved drafts first', async () => {
    const fiche = await publishedFiche('Fiche à deux notes', 'Première note.');
    const first = fiche.changeNoteDate;
    await payload.update({
      collection: 'fiches',
      id: fiche.id,
      data: { changeNote: 'Deuxième note.' },
      draft: true,
      autosave: true,
      context,
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const published = await payload.update({
      collection: 'fiches',
      id: fiche.id,
      data: { changeNote: 'Deuxième note.', _status: 'published' },
      context,
    });
    expect(published.changeNote).toBe('Deuxième note.');
    expect(Date.parse(published.changeNoteDate ?? '')).toBeGreaterThan(Date.parse(first ?? ''));
  });

  it('is cleared, date included, when the editor empties it', async () => {
    const fiche = await publishedFiche('Fiche sans suite', 'Note à retirer.');
    const cleared = await payload.update({
      collection: 'fiches',
      id: fiche.id,
      data: { changeNote: '  ', _status: 'published' },
      context,
    });
    expect(cleared.changeNote ?? null).toBeNull();
    expect(cleared.changeNoteDate ?? null).toBeNull();
  });

  it('keeps its French text and date when a translation is published', async () => {
    const fiche = await publishedFiche('Fiche traduite', 'Nouvelle adresse.');
    await payload.update({
      collection: 'fiches',
      id: fiche.id,
      locale: 'en',
      data: { title: 'Translated sheet', changeNote: 'New address.', _status: 'published' },
      context: { ...context, translationWorkflow: true },
    });
    const all = await read(fiche.id);
    expect(all.changeNote).toMatchObject({ fr: 'Nouvelle adresse.', en: 'New address.' });
    expect(all.changeNoteDate).toBe(fiche.changeNoteDate);
  });
});

describe('the change note through REST', () => {
  it('is set by an editor publishing in French, and served to the public as the contract says', async () => {
    const fiche = await payload.create({
      collection: 'fiches',
      data: frenchDemarche(taxonomy, 'Fiche publiée par REST'),
      draft: true,
      context,
    });
    const patched = await api('PATCH', `/fiches/${fiche.id}?locale=fr`, {
      token: editorToken,
      body: { changeNote: 'Le formulaire papier n’est plus demandé.', _status: 'published' },
    });
    expect(patched.status).toBe(200);

    const publicView = await api('GET', `/fiches/${fiche.id}?locale=all&depth=0`);
    expect(publicView.status).toBe(200);
    expect(publicView.body.changeNote).toEqual({ fr: 'Le formulaire papier n’est plus demandé.' });
    const parsed = FicheSchema.parse(publicView.body);
    expect(changeNoteIn(parsed, 'ar')).toEqual({
      text: 'Le formulaire papier n’est plus demandé.',
      locale: 'fr',
      date: parsed.changeNoteDate,
    });
  });

  it('answers an over-long note with the French message and field path', async () => {
    const fiche = await publishedFiche('Fiche à note refusée');
    const response = await api('PATCH', `/fiches/${fiche.id}?locale=fr`, {
      token: editorToken,
      body: { changeNote: 'y'.repeat(250), _status: 'published' },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('La note de modification ne doit pas dépasser 200 caractères');
    expect(JSON.stringify(response.body)).toContain('changeNote');
  });
});

describe('the change note in the translation workflow', () => {
  async function translationOf(ficheId: string, language: string) {
    const { docs } = await payload.find({
      collection: 'translations',
      where: { and: [{ fiche: { equals: ficheId } }, { language: { equals: language } }] },
      depth: 0,
    });
    return docs[0]!;
  }
  /** What the site's export sees, through the contract. */
  async function publicFiche(id: string) {
    const response = await api('GET', `/fiches/${id}?locale=all&depth=0`);
    expect(response.status).toBe(200);
    return FicheSchema.parse(response.body);
  }
  async function validateArabic(ficheId: string, changeNote: string | null) {
    const translation = await translationOf(ficheId, 'ar');
    return payload.update({
      collection: 'translations',
      id: translation.id,
      data: { ...arabicDemarche(), changeNote, status: 'validated' } as never,
      context,
    });
  }

  it('is a unit to translate: validated, it reaches the feeds in that language', async () => {
    const fiche = await publishedFiche('Fiche à note traduite', 'Les rendez-vous se prennent en ligne.');
    await validateArabic(fiche.id, 'تُحجز المواعيد عبر الإنترنت.');
    const published = await publicFiche(fiche.id);
    expect(published.translationStatus?.ar?.changeNote?.state).toBe('validated');
    expect(changeNoteIn(published, 'ar')).toEqual({
      text: 'تُحجز المواعيد عبر الإنترنت.',
      locale: 'ar',
      date: fiche.changeNoteDate,
    });
  });

  it('a new French note makes the translated one outdated: readers get the new note in French, never the old one', async () => {
    const fiche = await publishedFiche('Fiche à note remplacée', 'Première note.');
    await validateArabic(fiche.id, 'الملاحظة الأولى.');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const republished = await payload.update({
      collection: 'fiches',
      id: fiche.id,
      data: { changeNote: 'Deuxième note.', _status: 'published' },
      context,
    });
    const published = await publicFiche(fiche.id);
    expect(published.translationStatus?.ar?.changeNote?.state).toBe('outdated');
    expect(changeNoteIn(published, 'ar')).toEqual({ text: 'Deuxième note.', locale: 'fr', date: republished.changeNoteDate });
    expect((await translationOf(fiche.id, 'ar')).units).toHaveProperty('changeNote.outdatedAt');
  });

  it('a translated note left over after the French note is retired is dropped without sending the translation back to review', async () => {
    const fiche = await publishedFiche('Fiche à note retirée', 'Note de passage.');
    await validateArabic(fiche.id, 'ملاحظة عابرة.');
    await payload.update({ collection: 'fiches', id: fiche.id, data: { changeNote: null, _status: 'published' }, context });
    const translation = await translationOf(fiche.id, 'ar');
    const saved = await payload.update({
      collection: 'translations',
      id: translation.id,
      data: { status: 'validated' } as never,
      context,
    });
    expect(saved.status).toBe('validated');
    expect(saved.changeNote ?? null).toBeNull();
    expect(saved.units).not.toHaveProperty('changeNote');
    expect(changeNoteIn(await publicFiche(fiche.id), 'ar')).toBeUndefined();
  });

  it('refuses an over-long translated note with the same French message', async () => {
    const fiche = await publishedFiche('Fiche à note traduite trop longue', 'Une note.');
    const error = await validateArabic(fiche.id, 'ن'.repeat(201)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      data: {
        errors: [{ path: 'changeNote', message: 'La note de modification ne doit pas dépasser 200 caractères (elle en a 201).' }],
      },
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Payload } from 'payload';

import { addMonths, FicheSchema, historyNoteIn } from '@passerelle/content-schemas';

import { recordCheck } from '../../src/review/recordCheck';
import { recomputeAllReviewDates } from '../../src/review/reviewDates';
import { arabicDemarche, createTaxonomy, frenchDemarche } from '../helpers/fixtures';
import { createTestPayload, type TestPayload } from '../helpers/payload';
import { restClient, type RestClient } from '../helpers/rest';
import { createUsersAndLogIn, type Role } from '../helpers/users';

const context = { skipRebuild: true };

let testPayload: TestPayload;
let payload: Payload;
let api: RestClient;
let taxonomy: { themeId: string; structureId: string };
let otherStructure: string;
let tokens: Record<Role, string>;
let editorId: string;

beforeAll(async () => {
  testPayload = await createTestPayload();
  payload = testPayload.payload;
  api = restClient(testPayload.config);
  taxonomy = await createTaxonomy(payload);
  otherStructure = (
    await payload.create({
      collection: 'structures',
      data: { slug: 'autre', name: 'Autre structure', kind: 'association', status: 'active' },
      context,
    })
  ).id;
  tokens = await createUsersAndLogIn(payload, api, { a: taxonomy.structureId, b: otherStructure });
  editorId = String(
    (await payload.find({ collection: 'users', where: { email: { equals: 'editor@example.test' } } })).docs[0]!.id,
  );
});

afterAll(async () => {
  await testPayload?.cleanup();
});

const publish = (title: string, extra: Record<string, unknown> = {}) =>
  payload.create({
    collection: 'fiches',
    data: { ...frenchDemarche(taxonomy, title), ...extra, _status: 'published' } as never,
    context,
  });

const readMain = (id: string) =>
  payload.findByID({ collection: 'fiches', id, locale: 'all', depth: 0, draft: false }) as Promise<Record<string, any>>;

const months = (from: string, count: number) => addMonths(from, count).toISOString();

describe('review dates', () => {
  it('a French publication is a check: dated now, by the publisher, with the next review one interval later', async () => {
    const before = Date.now();
    const fiche = await publish('Fiche publiée');
    expect(Date.parse(fiche.lastCheckedAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(fiche.changedAt).toBe(fiche.lastCheckedAt);
    expect(fiche.nextReviewAt).toBe(months(fiche.lastCheckedAt!, 6));
  });

  it('follows the default of the type, and a fiche’s own interval', async () => {
    const dispositif = await publish('Un dispositif', {
      type: 'dispositif',
      brandName: 'Programme',
      why: Array(3).fill(frenchDemarche(taxonomy).what![0]),
      next: undefined,
    });
    expect(dispositif.nextReviewAt).toBe(months(dispositif.lastCheckedAt!, 12));
    const own = await publish('Fiche à trois mois', { reviewIntervalMonths: 3 });
    expect(own.nextReviewAt).toBe(months(own.lastCheckedAt!, 3));
  });

  it('keeps a check date the editor typed (a check made earlier)', async () => {
    const fiche = await publish('Fiche vérifiée au téléphone', { lastCheckedAt: '2026-10-01T00:00:00.000Z' });
    expect(fiche.lastCheckedAt).toBe('2026-10-01T00:00:00.000Z');
    expect(fiche.nextReviewAt).toBe('2027-04-01T00:00:00.000Z');
  });

  it('refuses an interval of zero or below, or not whole, with a French message', async () => {
    for (const value of [0, -3, 1.5]) {
      const error = await publish(`Intervalle ${value}`, { reviewIntervalMonths: value }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        data: {
          errors: [{ path: 'reviewIntervalMonths', message: expect.stringContaining('nombre entier de mois supérieur à zéro') }],
        },
      });
    }
  });

  it('refuses a check date in the future, with a French message', async () => {
    const error = await publish('Vérifiée demain', { lastCheckedAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({
      data: { errors: [{ path: 'lastCheckedAt', message: 'La date de vérification ne peut pas être dans le futur.' }] },
    });
  });

  it('refuses a default interval of zero or below in the settings, over REST, in French', async () => {
    const response = await api('POST', '/globals/review-settings', {
      token: tokens.admin,
      body: { demarcheMonths: 0, dispositifMonths: 12 },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('nombre entier de mois supérieur à zéro');
    const editor = await api('POST', '/globals/review-settings', {
      token: tokens.editor,
      body: { demarcheMonths: 4, dispositifMonths: 12 },
    });
    expect(editor.status).toBe(403);
  });

  it('a new default moves the next review of the fiches that follow it, not of those with their own', async () => {
    const follows = await publish('Suit le défaut');
    const own = await publish('A le sien', { reviewIntervalMonths: 2 });
    await payload.updateGlobal({ slug: 'review-settings', data: { demarcheMonths: 9, dispositifMonths: 12 } });
    expect((await readMain(follows.id)).nextReviewAt).toBe(months(follows.lastCheckedAt!, 9));
    expect((await readMain(own.id)).nextReviewAt).toBe(months(own.lastCheckedAt!, 2));
    await payload.updateGlobal({ slug: 'review-settings', data: { demarcheMonths: 6, dispositifMonths: 12 } });
    expect((await readMain(follows.id)).nextReviewAt).toBe(months(follows.lastCheckedAt!, 6));
    expect(await recomputeAllReviewDates(payload)).toBe(0);
  });

  it('ignores review dates and history sent by a client', async () => {
    const fiche = await publish('Fiche intègre');
    const response = await api('PATCH', `/fiches/${fiche.id}?locale=fr`, {
      token: tokens.editor,
      body: {
        nextReviewAt: '2099-01-01T00:00:00.000Z',
        changedAt: '2000-01-01T00:00:00.000Z',
        changeHistory: [{ date: '2000-01-01T00:00:00.000Z', notes: { fr: 'Faux' } }],
        _status: 'published',
      },
    });
    expect(response.status).toBe(200);
    const main = await readMain(fiche.id);
    expect(main.nextReviewAt).toBe(months(main.lastCheckedAt, 6));
    expect(main.changeHistory).toEqual([]);
    expect(Date.parse(main.changedAt)).toBeGreaterThan(Date.parse('2020-01-01'));
  });
});

describe('« Vérifiée, rien n’a changé »', () => {
  it('records who checked and when, moves the next review, changes no text and no last-change date, and asks for a rebuild', async () => {
    const fiche = await publish('Fiche à vérifier', {
      lastCheckedAt: '2026-01-15T00:00:00.000Z',
      changeNote: 'Nouvelle adresse.',
    });
    const response = await api('POST', `/fiches/${fiche.id}/verifier`, { token: tokens.editor });
    expect(response.status).toBe(200);
    const main = await readMain(fiche.id);
    expect(main.lastCheckedAt).toBe(response.body.lastCheckedAt);
    expect(Date.now() - Date.parse(main.lastCheckedAt)).toBeLessThan(60_000);
    expect(String(main.lastCheckedBy)).toBe(editorId);
    expect(main.nextReviewAt).toBe(months(main.lastCheckedAt, 6));
    expect(main.changedAt).toBe(fiche.changedAt);
    expect(main.title).toEqual({ fr: 'Fiche à vérifier' });
    // A check is not a publication of a new note: the note online stays announced.
    expect(main.changeNote).toEqual({ fr: 'Nouvelle adresse.' });
    expect(main.changeNoteDate).toBe(fiche.changeNoteDate);
    // The request joins a waiting build or opens one, like any publication.
    const builds = await payload.find({ collection: 'builds', where: { status: { equals: 'queued' } }, depth: 0 });
    expect(JSON.stringify(builds.docs)).toContain('Fiche « Fiche à vérifier » vérifiée');
  });

  it('does not publish a French draft in progress, and a later publication keeps the newer check', async () => {
    const fiche = await publish('Fiche avec brouillon');
    await payload.update({
      collection: 'fiches',
      id: fiche.id,
      data: { summary: 'Brouillon pas encore publié.' },
      draft: true,
      context,
    });
    const checkedAt = new Date(Date.now() + 1000);
    await recordCheck(payload, { ficheId: fiche.id, user: { id: editorId, roles: ['editor'] }, now: checkedAt });
    const main = await readMain(fiche.id);
    expect(main.summary.fr).not.toBe('Brouillon pas encore publié.');
    expect(main.lastCheckedAt).toBe(checkedAt.toISOString());
    // The draft was made before the check; publishing it is itself a check, so the date only moves forward.
    const published = await payload.update({ collection: 'fiches', id: fiche.id, data: { _status: 'published' }, context });
    expect(Date.parse(published.lastCheckedAt!)).toBeGreaterThanOrEqual(Date.parse(fiche.lastCheckedAt!));
    expect(published.summary).toBe('Brouillon pas encore publié.');
  });

  it('outdates no translation', async () => {
    const fiche = await publish('Fiche traduite vérifiée');
    const { docs } = await payload.find({
      collection: 'translations',
      where: { and: [{ fiche: { equals: fiche.id } }, { language: { equals: 'ar' } }] },
      depth: 0,
    });
    await payload.update({
      collection: 'translations',
      id: docs[0]!.id,
      data: { ...arabicDemarche(), status: 'validated' } as never,
      context,
    });
    const before = FicheSchema.parse((await api('GET', `/fiches/${fiche.id}?locale=all&depth=0`)).body);
    await recordCheck(payload, { ficheId: fiche.id, user: { id: editorId, roles: ['editor'] } });
    const after = FicheSchema.parse((await api('GET', `/fiches/${fiche.id}?locale=all&depth=0`)).body);
    expect(Object.values(after.translationStatus?.ar ?? {}).every((unit) => unit.state === 'validated')).toBe(true);
    expect(after.translationStatus).toEqual(before.translationStatus);
    expect(after.title).toEqual(before.title);
    expect(after.lastCheckedAt).not.toBe(before.lastCheckedAt);
  });

  it('is for editors, and for the contributors of the fiche’s structure only; refused on a draft, in French', async () => {
    const fiche = await publish('Fiche de la structure A');
    expect((await api('POST', `/fiches/${fiche.id}/verifier`)).status).toBe(401);
    const stranger = await api('POST', `/fiches/${fiche.id}/verifier`, { token: tokens.contributorB });
    expect(stranger.status).toBe(403);
    expect(stranger.body.errors[0].message).toBe('Vous ne pouvez pas vérifier cette fiche.');
    expect((await api('POST', `/fiches/${fiche.id}/verifier`, { token: tokens.translatorAr })).status).toBe(403);
    expect((await api('POST', `/fiches/${fiche.id}/verifier`, { token: tokens.contributorA })).status).toBe(200);
    const draft = await payload.create({
      collection: 'fiches',
      data: frenchDemarche(taxonomy, 'Brouillon'),
      draft: true,
      context,
    });
    const refused = await api('POST', `/fiches/${draft.id}/verifier`, { token: tokens.editor });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].message).toContain('Seule une fiche publiée');
  });

  it('keeps who checked away from the public', async () => {
    const fiche = await publish('Fiche publique');
    await recordCheck(payload, { ficheId: fiche.id, user: { id: editorId, roles: ['editor'] } });
    const publicView = await api('GET', `/fiches/${fiche.id}?locale=all&depth=0`);
    expect(publicView.body).not.toHaveProperty('lastCheckedBy');
    expect(publicView.body.lastCheckedAt).toBeTruthy();
  });
});

describe('history of change notes', () => {
  async function validateArabicNote(ficheId: string, changeNote: string) {
    const { docs } = await payload.find({
      collection: 'translations',
      where: { and: [{ fiche: { equals: ficheId } }, { language: { equals: 'ar' } }] },
      depth: 0,
    });
    await payload.update({
      collection: 'translations',
      id: docs[0]!.id,
      data: { ...arabicDemarche(), changeNote, status: 'validated' } as never,
      context,
    });
  }
  const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

  it('archives each replaced or retired note with its date and validated translations, and survives a slug change', async () => {
    const first = await publish('Fiche à histoire', { changeNote: 'Première note.' });
    await validateArabicNote(first.id, 'الملاحظة الأولى.');
    await pause();
    const second = await payload.update({
      collection: 'fiches',
      id: first.id,
      data: { changeNote: 'Deuxième note.', _status: 'published' },
      context,
    });
    await pause();
    // A publication without a note retires the second one: it joins the history too.
    await payload.update({
      collection: 'fiches',
      id: first.id,
      data: { summary: 'Résumé corrigé.', changeNote: null, _status: 'published' },
      context,
    });
    await payload.update({
      collection: 'fiches',
      id: first.id,
      data: { slug: 'fiche-a-histoire-renommee', _status: 'published' },
      context,
    });

    const fiche = FicheSchema.parse((await api('GET', `/fiches/${first.id}?locale=all&depth=0`)).body);
    expect(fiche.slug).toBe('fiche-a-histoire-renommee');
    const history = (fiche.changeHistory ?? []).map(({ date, notes }) => ({ date, notes }));
    expect(history).toEqual([
      { date: first.changeNoteDate, notes: { fr: 'Première note.', ar: 'الملاحظة الأولى.' } },
      { date: second.changeNoteDate, notes: { fr: 'Deuxième note.' } },
    ]);
    expect(historyNoteIn(history[0]!, 'ar')).toEqual({ text: 'الملاحظة الأولى.', locale: 'ar', date: first.changeNoteDate });
    expect(historyNoteIn(history[1]!, 'ar')).toEqual({ text: 'Deuxième note.', locale: 'fr', date: second.changeNoteDate });
  });

  it('is not touched by drafts, checks or translations', async () => {
    const fiche = await publish('Fiche stable', { changeNote: 'Une note.' });
    await payload.update({
      collection: 'fiches',
      id: fiche.id,
      data: { changeNote: 'Note en brouillon.' },
      draft: true,
      context,
    });
    await recordCheck(payload, { ficheId: fiche.id, user: { id: editorId, roles: ['editor'] } });
    await validateArabicNote(fiche.id, 'ملاحظة.');
    expect((await readMain(fiche.id)).changeHistory).toEqual([]);
  });
});

describe('review dashboards', () => {
  const now = new Date('2026-12-20T08:00:00.000Z');
  const mine = (rows: { title: string }[] | undefined) =>
    (rows ?? []).map((row) => row.title).filter((title) => title.startsWith('Tableau'));
  let ids: Record<string, string> = {};

  beforeAll(async () => {
    const overdue = await publish('Tableau : en retard', { lastCheckedAt: '2026-05-01T00:00:00.000Z' });
    const soon = await publish('Tableau : bientôt, en Seine-Saint-Denis', {
      lastCheckedAt: '2026-06-25T00:00:00.000Z',
      infocards: { location: { scope: 'departements', departements: ['93'] } },
    });
    const other = await publish('Tableau : dispositif d’une autre structure', {
      lastCheckedAt: '2025-12-10T00:00:00.000Z',
      type: 'dispositif',
      brandName: 'Programme',
      why: Array(3).fill(frenchDemarche(taxonomy).what![0]),
      next: undefined,
      mainStructure: otherStructure,
    });
    await publish('Tableau : à jour', { lastCheckedAt: '2026-11-30T00:00:00.000Z' });
    ids = { overdue: overdue.id, soon: soon.id, other: other.id };
  });

  const user = async (email: string) =>
    (await payload.find({ collection: 'users', where: { email: { equals: email } } })).docs[0]!;

  it('list for editors the fiches due within 14 days or overdue, most overdue first', async () => {
    const { reviewDue } = await import('../../src/review/dashboard');
    const list = await reviewDue(payload, await user('editor@example.test'), { now });
    expect(mine(list?.rows)).toEqual([
      'Tableau : en retard',
      'Tableau : dispositif d’une autre structure',
      'Tableau : bientôt, en Seine-Saint-Denis',
    ]);
    expect(list?.rows.find((row) => row.id === ids.overdue)?.state).toBe('followUp');
    expect(list?.rows.find((row) => row.id === ids.other)?.state).toBe('overdue');
    expect(list?.rows.find((row) => row.id === ids.soon)?.state).toBe('dueSoon');
  });

  it('filter by theme and by département', async () => {
    const { reviewDue } = await import('../../src/review/dashboard');
    const editor = await user('editor@example.test');
    expect(mine((await reviewDue(payload, editor, { now, departement: '93' }))?.rows)).toEqual([
      'Tableau : bientôt, en Seine-Saint-Denis',
    ]);
    expect(mine((await reviewDue(payload, editor, { now, departement: '75' }))?.rows)).toEqual([]);
    const theme = await payload.create({
      collection: 'themes',
      data: { slug: 'housing', name: 'Se loger', color: 'blue-ecume', icon: 'fr-icon-home-4-line' },
      context,
    });
    expect(mine((await reviewDue(payload, editor, { now, theme: theme.id }))?.rows)).toEqual([]);
    expect(mine((await reviewDue(payload, editor, { now, theme: taxonomy.themeId }))?.rows)).toHaveLength(3);
  });

  it('show contributors their structure’s fiches only, and nothing to other roles', async () => {
    const { reviewDue } = await import('../../src/review/dashboard');
    expect(mine((await reviewDue(payload, await user('contributorb@example.test'), { now }))?.rows)).toEqual([
      'Tableau : dispositif d’une autre structure',
    ]);
    expect(mine((await reviewDue(payload, await user('contributora@example.test'), { now }))?.rows)).toEqual([
      'Tableau : en retard',
      'Tableau : bientôt, en Seine-Saint-Denis',
    ]);
    expect(await reviewDue(payload, await user('translatorar@example.test'), { now })).toBeUndefined();
  });

  it('drop a fiche once checked, and an unpublished one', async () => {
    const { reviewDue } = await import('../../src/review/dashboard');
    const editor = await user('editor@example.test');
    await recordCheck(payload, { ficheId: ids.overdue!, user: { id: editorId, roles: ['editor'] }, now });
    await payload.update({ collection: 'fiches', id: ids.soon!, data: { _status: 'draft' }, context });
    expect(mine((await reviewDue(payload, editor, { now }))?.rows)).toEqual(['Tableau : dispositif d’une autre structure']);
  });

  it('render as a dashboard panel with links to the fiches and the filters', async () => {
    const { renderToStaticMarkup } = await import('react-dom/server');
    const { ReviewDashboard } = await import('../../src/components/ReviewDashboard');
    const element = await ReviewDashboard({
      payload,
      user: await user('editor@example.test'),
      searchParams: { reviewDepartement: '93' },
    });
    const html = renderToStaticMarkup(element!);
    expect(html).toContain('Fiches à vérifier');
    expect(html).toContain('<select name="reviewDepartement">');
    expect(html).toContain('<option value="93" selected="">');
    expect(await ReviewDashboard({ payload, user: await user('translatorar@example.test') })).toBeNull();
  });
});

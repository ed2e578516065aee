import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Payload, Where } from 'payload';

import { contentCollectionNames } from '@passerelle/content-schemas';
import { collectionPageUrl } from '@passerelle/content-schemas/cmsReader';

import { adminList as adminListQuery, type AdminListOptions } from '../../src/database/adminList';
import { explain, planProblems } from '../../src/database/queryPlan';
import { recordQueries } from '../../src/database/queryLog';
import { reviewDue } from '../../src/review/dashboard';
import { sendDueReminders } from '../../src/review/reminders';
import { coverage, reviewQueue, workList } from '../../src/translation/dashboard';
import { memoryMatches } from '../../src/translation/memory/lookup';
import { piecesOf } from '../../src/translation/memory/segments';
import { exportXliff, importXliff, readXliff } from '../../src/translation/xliff/xliffExchange';
import type { User } from '../../src/payload-types';
import { createTaxonomy, frenchDemarche } from '../helpers/fixtures';
import { createTestPayload, type TestPayload } from '../helpers/payload';
import { restClient, type RestClient } from '../helpers/rest';
import { createUsersAndLogIn, type Role } from '../helpers/users';

/**
 * Guards for a corpus of 1,000 fiches × 8 languages, without timing anything: the SQL behind
 * each editor's screen is run through EXPLAIN QUERY PLAN, and no step may read a whole table
 * that grows with the corpus (or sort every match to show one page). SQLite has no statistics
 * here (no ANALYZE), so the plans are the ones a fresh production database gets.
 */
const onMongo = Boolean(process.env.DATABASE_URI?.startsWith('mongodb'));
const context = { skipRebuild: true };

let testPayload: TestPayload;
let payload: Payload;
let api: RestClient;
let tokens: Record<Role, string>;
let taxonomy: { themeId: string; structureId: string };
let client: Parameters<typeof explain>[0];

async function userOf(email: string): Promise<User> {
  const { docs } = await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1, depth: 0 });
  return docs[0] as User;
}

/** Runs `work`, then the query plan of every SELECT it sent; returns the problems found and the statements. */
async function plansOf(work: () => Promise<unknown>) {
  const stop = recordQueries();
  await work();
  const queries = stop();
  const problems: string[] = [];
  for (const { sql, params } of queries) {
    if (!/^\s*select/i.test(sql)) continue;
    for (const problem of planProblems(sql, await explain(client, sql, params))) {
      problems.push(`${problem.step} (${problem.reason}) in: ${sql.slice(0, 160)}…`);
    }
  }
  return { problems, queries };
}

const adminList = (collection: 'fiches' | 'translations', user: User, options?: AdminListOptions) =>
  adminListQuery(payload, collection, user, options);

const search = (text: string): Where => ({
  or: [{ title: { like: text } }, { slug: { like: text } }, { shortId: { like: text } }],
});

describe.skipIf(onMongo)('query plans at the size of the real service', () => {
  beforeAll(async () => {
    testPayload = await createTestPayload();
    payload = testPayload.payload;
    api = restClient(testPayload.config);
    client = (payload.db as unknown as { client: Parameters<typeof explain>[0] }).client;
    taxonomy = await createTaxonomy(payload);
    tokens = await createUsersAndLogIn(payload, api, { a: taxonomy.structureId, b: taxonomy.structureId });
    for (const title of ['Obtenir sa carte Vitale', 'Ouvrir un compte bancaire', 'S’inscrire à France Travail']) {
      const fiche = await payload.create({
        collection: 'fiches',
        data: { ...frenchDemarche(taxonomy, title), _status: 'published' },
        context,
      });
      // A French draft on top of the published version: the list shows it as « modifié ».
      await payload.update({
        collection: 'fiches',
        id: fiche.id,
        data: { summary: `${title} : brouillon en cours.` },
        draft: true,
        context,
      });
    }
  });

  afterAll(async () => {
    await testPayload?.cleanup();
  });

  it('fiche list: page 1 and page 50, newest first', async () => {
    const admin = await userOf('admin@example.test');
    for (const page of [1, 50]) {
      const { problems } = await plansOf(() => adminList('fiches', admin, { page }));
      expect(problems, `page ${page}`).toEqual([]);
    }
  });

  it('fiche list: search by title, filter by status and by type', async () => {
    const editor = await userOf('editor@example.test');
    for (const where of [search('carte'), { _status: { equals: 'draft' } }, { type: { equals: 'dispositif' } }] as Where[]) {
      const { problems } = await plansOf(() => adminList('fiches', editor, { where }));
      expect(problems, JSON.stringify(where)).toEqual([]);
    }
  });

  it('fiche list filtered by translation state (missing, outdated, to review in a language): the dashboard’s links', async () => {
    const editor = await userOf('editor@example.test');
    for (const value of ['ar-missing', 'ar-outdated', 'uk-toReview']) {
      const { problems, queries } = await plansOf(() =>
        adminList('fiches', editor, { where: { translationState: { equals: value } } }),
      );
      // The translations' ids through their index, then the list as for any other filter.
      expect(
        queries.some((query) => /from "translations"/.test(query.sql)),
        value,
      ).toBe(true);
      expect(problems, value).toEqual([]);
    }
  });

  it('fiche list as the REST API serves it (the bench’s query)', async () => {
    const { problems } = await plansOf(() =>
      api('GET', '/fiches?depth=0&limit=10&page=1&sort=-updatedAt&draft=true&locale=fr', { token: tokens.admin }),
    );
    expect(problems).toEqual([]);
  });

  it('the admin’s lists read only their columns, for every role that sees them, filters included', async () => {
    const checks: [string, 'fiches' | 'translations', Where, string[]][] = [
      ['admin@example.test', 'fiches', {}, ['title', 'type', 'primaryTheme', 'mainStructure', '_status', 'updatedAt']],
      ['editor@example.test', 'fiches', search('carte'), ['title', '_status']],
      ['editor@example.test', 'fiches', { _status: { equals: 'draft' } }, ['title', '_status']],
      ['contributora@example.test', 'fiches', {}, ['title', '_status']],
      ['translatorar@example.test', 'translations', {}, ['label', 'language', 'status', 'updatedAt']],
      ['expertar@example.test', 'translations', { status: { equals: 'toReview' } }, []],
    ];
    for (const [email, collection, where, shown] of checks) {
      const { queries } = await plansOf(async () => {
        const { docs } = await adminList(collection, await userOf(email), { where });
        // The columns are there, filled; nothing else of the document is.
        for (const doc of docs as unknown as Record<string, unknown>[]) {
          for (const column of shown) expect(doc[column], `${email} ${collection} ${column}`).toBeTruthy();
          for (const text of ['summary', 'what', 'how', 'units', 'slug'])
            expect(doc, `${email} ${collection}`).not.toHaveProperty(text);
        }
        if (shown.length > 0) expect(docs.length, `${email} ${collection}`).toBeGreaterThan(0);
      });
      // The page's statement reads no section, unit or summary column: the select reached the SQL.
      const page = queries.find(({ sql }) => /^select "id"/.test(sql) && /limit \?/.test(sql));
      expect(page?.sql, `${email} ${collection}`).toBeDefined();
      expect(page?.sql, `${email} ${collection}`).not.toMatch(/summary|_what|_how|"units"/);
    }
  });

  it('translations list filtered by language and by state, as a translator and as an expert', async () => {
    const translator = await userOf('translatorar@example.test');
    const expert = await userOf('expertar@example.test');
    const checks: [User, Where][] = [
      [translator, {}],
      [translator, { status: { equals: 'inProgress' } }],
      [expert, { and: [{ language: { equals: 'ar' } }, { status: { equals: 'toReview' } }] }],
    ];
    for (const [user, where] of checks) {
      const { problems } = await plansOf(() => adminList('translations', user, { where }));
      expect(problems, `${user.email} ${JSON.stringify(where)}`).toEqual([]);
    }
  });

  it('the export: every collection, every language (locale=all), page after page', async () => {
    for (const collection of contentCollectionNames) {
      const url = new URL(collectionPageUrl('http://localhost/', collection, 2));
      const { problems } = await plansOf(() => api('GET', `${url.pathname.replace(/^\/api/, '')}${url.search}`));
      expect(problems, collection).toEqual([]);
    }
  });

  it('dashboards: coverage, a translator’s work list, an expert’s review queue, contributors’ submissions', async () => {
    const editor = await userOf('editor@example.test');
    const checks: [string, () => Promise<unknown>][] = [
      ['coverage', () => coverage(payload)],
      ['work list', () => workList(payload, ['ar', 'uk'])],
      ['review queue', () => reviewQueue(payload, ['ar'])],
      ['submissions', () => adminList('fiches', editor, { where: { reviewRequested: { equals: true } } })],
    ];
    for (const [name, work] of checks) {
      const { problems, queries } = await plansOf(work);
      expect(queries.length, name).toBeGreaterThan(0);
      expect(problems, name).toEqual([]);
    }
  });

  it('translation memory: a lookup reads the hash and band indexes, never the whole memory', async () => {
    const unit = piecesOf({ summary: 'La carte Vitale montre vos droits. Présentez-la chez le médecin.' }, 'summary')!;
    const { problems, queries } = await plansOf(() => memoryMatches(payload, { language: 'ar', unit }));
    expect(queries.some(({ sql }) => sql.includes('translation_memory'))).toBe(true);
    expect(problems).toEqual([]);
  });

  it('XLIFF: the export (left to translate, chosen fiches) and the import read through indexes', async () => {
    const { docs } = await payload.find({ collection: 'fiches', limit: 2, depth: 0, select: { slug: true } });
    const toTranslate = await plansOf(() => exportXliff(payload, 'ar', { kind: 'toTranslate' }));
    expect(toTranslate.problems).toEqual([]);
    const chosen = await plansOf(() => exportXliff(payload, 'ar', { kind: 'fiches', ids: [docs[0]!.id, String(docs[1]!.slug)] }));
    expect(chosen.problems).toEqual([]);
    const { xml } = await exportXliff(payload, 'ar', { kind: 'toTranslate' });
    const admin = await userOf('admin@example.test');
    const imported = await plansOf(() => importXliff(payload, readXliff(xml), admin as never));
    expect(imported.queries.some(({ sql }) => sql.includes('translations'))).toBe(true);
    expect(imported.problems).toEqual([]);
  });

  it('review dashboards and the reminders job: due fiches by urgency, by theme, by département, a structure’s', async () => {
    const editor = await userOf('editor@example.test');
    const contributor = await userOf('contributora@example.test');
    const now = new Date('2030-01-01T00:00:00.000Z');
    const checks: [string, () => Promise<unknown>][] = [
      ['editors', () => reviewDue(payload, editor, { now })],
      ['by theme', () => reviewDue(payload, editor, { now, theme: taxonomy.themeId })],
      ['by département', () => reviewDue(payload, editor, { now, departement: '93' })],
      ['contributors', () => reviewDue(payload, contributor, { now })],
      ['reminders job', () => sendDueReminders(payload, { now })],
    ];
    for (const [name, work] of checks) {
      const { problems, queries } = await plansOf(work);
      expect(queries.length, name).toBeGreaterThan(0);
      expect(problems, name).toEqual([]);
    }
  });

  it('one admin list request makes the same few queries whatever the corpus and the page size', async () => {
    const count = async () =>
      (
        await plansOf(() =>
          api('GET', '/fiches?depth=0&limit=10&page=1&sort=-updatedAt&draft=true&locale=fr', { token: tokens.admin }),
        )
      ).queries.length;
    const before = await count();
    for (const title of ['Demander l’asile', 'Trouver un cours de français', 'Passer le permis', 'Faire garder son enfant']) {
      await payload.create({ collection: 'fiches', data: { ...frenchDemarche(taxonomy, title), _status: 'published' }, context });
    }
    const after = await count();
    // The session's user, the total for the pager, the page itself: no query per row.
    expect(before).toBeLessThanOrEqual(3);
    expect(after).toBe(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Payload } from 'payload';

import { createTaxonomy, frenchDemarche } from '../helpers/fixtures';
import { createTestPayload, type TestPayload } from '../helpers/payload';
import { restClient, type RestClient } from '../helpers/rest';

const context = { skipRebuild: true };
const password = 'correct horse battery';

let testPayload: TestPayload;
let payload: Payload;
let api: RestClient;
let publishedId: string;
let draftId: string;
let draftOfPublishedId: string;
const tokens: Record<string, string> = {};

async function login(email: string, pass = password) {
  return api('POST', '/users/login', { body: { email, password: pass } });
}

beforeAll(async () => {
  testPayload = await createTestPayload();
  payload = testPayload.payload;
  api = restClient(testPayload.config);
  const taxonomy = await createTaxonomy(payload);

  publishedId = (
    await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'Fiche publiée'), _status: 'published' },
      context,
    })
  ).id;
  draftId = (
    await payload.create({ collection: 'fiches', data: { type: 'demarche', title: 'Brouillon secret' }, draft: true, context })
  ).id;
  // A published fiche with a newer unpublished draft: the public must keep seeing the published text.
  draftOfPublishedId = (
    await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'Version en ligne'), _status: 'published' },
      context,
    })
  ).id;
  await payload.update({
    collection: 'fiches',
    id: draftOfPublishedId,
    data: { title: 'Version en préparation' },
    draft: true,
    context,
  });

  for (const [role, languages] of [
    ['admin', []],
    ['editor', []],
    ['translator', ['ar']],
    ['contributor', []],
  ] as const) {
    await payload.create({
      collection: 'users',
      data: { email: `${role}@example.test`, name: role, password, roles: [role], languages: [...languages] },
    });
    const response = await login(`${role}@example.test`);
    tokens[role] = response.body.token;
  }
});

afterAll(async () => {
  await testPayload?.cleanup();
});

describe('anonymous visitors through REST', () => {
  it('list only published fiches', async () => {
    const response = await api('GET', '/fiches?limit=100&depth=0');
    expect(response.status).toBe(200);
    const titles = response.body.docs.map((doc: { title: string }) => doc.title).sort();
    expect(titles).toEqual(['Fiche publiée', 'Version en ligne']);
  });

  it('cannot open a draft by id, even asking for drafts', async () => {
    expect((await api('GET', `/fiches/${draftId}`)).status).toBe(404);
    expect((await api('GET', `/fiches/${draftId}?draft=true`)).status).toBe(404);
    const drafts = await api('GET', '/fiches?draft=true&limit=100');
    expect(drafts.body.docs.map((doc: { id: string }) => doc.id)).not.toContain(draftId);
  });

  it('see the published text of a fiche that has a newer draft', async () => {
    const response = await api('GET', `/fiches/${draftOfPublishedId}?draft=true`);
    expect(response.body.title).toBe('Version en ligne');
  });

  it('cannot read versions, users, or write anything', async () => {
    expect((await api('GET', '/fiches/versions')).status).toBe(403);
    const users = await api('GET', '/users');
    expect(users.status).toBe(403);
    expect((await api('POST', '/fiches', { body: { type: 'demarche', title: 'Spam' } })).status).toBe(403);
    expect((await api('PATCH', `/fiches/${publishedId}`, { body: { title: 'Vandalisme' } })).status).toBe(403);
    expect((await api('DELETE', `/fiches/${publishedId}`)).status).toBe(403);
    expect(
      (await api('POST', '/themes', { body: { slug: 'work', name: 'x', color: 'blue-ecume', icon: 'fr-icon-x' } })).status,
    ).toBe(403);
  });

  it('read themes and structures, which have no drafts', async () => {
    expect((await api('GET', '/themes')).body.totalDocs).toBe(1);
    expect((await api('GET', '/structures')).body.totalDocs).toBe(1);
  });
});

describe('signed-in staff through REST', () => {
  it('see drafts', async () => {
    const response = await api('GET', `/fiches/${draftId}?draft=true`, { token: tokens.editor });
    expect(response.status).toBe(200);
    expect(response.body.title).toBe('Brouillon secret');
  });

  it('editors create, edit and publish fiches', async () => {
    const created = await api('POST', '/fiches?draft=true', {
      token: tokens.editor,
      body: { type: 'demarche', title: 'Nouvelle fiche' },
    });
    expect(created.status).toBe(201);
    const edited = await api('PATCH', `/fiches/${publishedId}`, {
      token: tokens.editor,
      body: { title: 'Fiche publiée (corrigée)' },
    });
    expect(edited.status).toBe(200);
  });

  it('nobody but an admin changes roles, not even their own', async () => {
    const me = await api('GET', '/users/me', { token: tokens.editor });
    const attempt = await api('PATCH', `/users/${me.body.user.id}`, { token: tokens.editor, body: { roles: ['admin'] } });
    expect(attempt.status).toBe(200);
    expect(attempt.body.doc.roles).toEqual(['editor']);
    const others = await api('GET', '/users?limit=100', { token: tokens.editor });
    expect(others.body.docs.map((user: { email: string }) => user.email)).toEqual(['editor@example.test']);
    const asAdmin = await api('GET', '/users?limit=100', { token: tokens.admin });
    expect(asAdmin.body.totalDocs).toBe(4);
  });
});

describe('login lockout', () => {
  it('locks an account after 5 wrong passwords, even with the right one afterwards', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await login('contributor@example.test', 'wrong password')).status).toBe(401);
    }
    const locked = await login('contributor@example.test');
    expect(locked.status).toBe(401);
    // Payload answers in the admin language (French): "Cet utilisateur est verrouillé…"
    expect(JSON.stringify(locked.body)).toMatch(/verrouill/i);
  });
});

/**
 * The role × operation × collection matrix, through the REST API as each client meets it.
 * Every row names who, what, and the expected HTTP status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Payload } from 'payload';

import { frenchDemarche } from '../helpers/fixtures';
import type { RestClient } from '../helpers/rest';
import { createRoleWorld, type Role, type RoleWorld } from '../helpers/users';

const context = { skipRebuild: true };
type Who = Role | 'anonymous';
const everyone: Who[] = [
  'anonymous',
  'admin',
  'editor',
  'expertAr',
  'translatorAr',
  'translatorUk',
  'contributorA',
  'contributorB',
];

let testPayload: RoleWorld;
let payload: Payload;
let api: RestClient;
let tokens: Record<Role, string>;
let structures: { a: string; b: string };
let themeId: string;
let publishedId: string;
let draftOfAId: string;
let translationAr: string;
let translationUk: string;

const as = (who: Who) => (who === 'anonymous' ? undefined : tokens[who]);

async function newPublishedFiche(title: string): Promise<string> {
  const doc = await payload.create({
    collection: 'fiches',
    data: { ...frenchDemarche({ themeId, structureId: structures.a }, title), _status: 'published' },
    context,
  });
  return doc.id;
}

beforeAll(async () => {
  testPayload = await createRoleWorld();
  ({ payload, api, tokens, structures, themeId } = testPayload);
  publishedId = await newPublishedFiche('Fiche publiée');
  draftOfAId = (
    await payload.create({
      collection: 'fiches',
      data: { type: 'dispositif', title: 'Brouillon de la structure A', mainStructure: structures.a },
      draft: true,
      context,
    })
  ).id;
  const translations = await payload.find({
    collection: 'translations',
    where: { fiche: { equals: publishedId } },
    depth: 0,
    pagination: false,
  });
  translationAr = translations.docs.find((doc) => doc.language === 'ar')!.id;
  translationUk = translations.docs.find((doc) => doc.language === 'uk')!.id;
});

afterAll(async () => {
  await testPayload?.cleanup();
});

const expectations = (allowed: Who[], yes: number, no: number) =>
  everyone.map((who) => [who, allowed.includes(who) ? yes : no] as const);
/** Explicit statuses where allowed/denied is not the whole story (400 = refused by a workflow rule). */
const statuses = (byWho: Record<Who, number>) => everyone.map((who) => [who, byWho[who]] as const);

describe('fiches', () => {
  it.each(expectations(everyone, 200, 200))('%s reads a published fiche → %i', async (who, status) => {
    expect((await api('GET', `/fiches/${publishedId}`, { token: as(who) })).status).toBe(status);
  });

  it.each(expectations(['admin', 'editor', 'expertAr', 'translatorAr', 'translatorUk', 'contributorA'], 200, 404))(
    '%s reads structure A’s draft → %i',
    async (who, status) => {
      expect((await api('GET', `/fiches/${draftOfAId}?draft=true`, { token: as(who) })).status).toBe(status);
    },
  );

  it.each(
    statuses({
      anonymous: 403,
      admin: 201,
      editor: 201,
      expertAr: 403,
      translatorAr: 403,
      translatorUk: 403,
      contributorA: 400,
      contributorB: 400,
    }),
  )('%s creates a démarche → %i', async (who, status) => {
    const response = await api('POST', '/fiches?draft=true', {
      token: as(who),
      body: { type: 'demarche', title: `Démarche de ${who}` },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(status);
  });

  it.each(expectations(['admin', 'editor', 'contributorA', 'contributorB'], 201, 403))(
    '%s creates a dispositif draft for its structure → %i',
    async (who, status) => {
      const mainStructure = who === 'contributorB' ? structures.b : structures.a;
      const response = await api('POST', '/fiches?draft=true', {
        token: as(who),
        body: { type: 'dispositif', title: `Dispositif de ${who}`, mainStructure },
      });
      expect(response.status).toBe(status);
    },
  );

  it('a contributor cannot propose a dispositif for another structure', async () => {
    const response = await api('POST', '/fiches?draft=true', {
      token: tokens.contributorA,
      body: { type: 'dispositif', title: 'Pour B', mainStructure: structures.b },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('votre propre structure');
  });

  it.each(expectations(['admin', 'editor', 'contributorA'], 200, 403))(
    '%s edits the French of structure A’s draft → %i',
    async (who, status) => {
      const response = await api('PATCH', `/fiches/${draftOfAId}?draft=true`, {
        token: as(who),
        body: { summary: `Résumé par ${who}` },
      });
      expect(response.status).toBe(status);
    },
  );

  it.each(
    statuses({
      anonymous: 403,
      admin: 200,
      editor: 200,
      expertAr: 403,
      translatorAr: 403,
      translatorUk: 403,
      contributorA: 400,
      contributorB: 403,
    }),
  )('%s publishes a complete fiche of structure A → %i', async (who, status) => {
    const id = (
      await payload.create({
        collection: 'fiches',
        data: { ...frenchDemarche({ themeId, structureId: structures.a }, `À publier par ${who}`), type: 'demarche' },
        draft: true,
        context,
      })
    ).id;
    const response = await api('PATCH', `/fiches/${id}`, { token: as(who), body: { _status: 'published' } });
    expect(response.status).toBe(status);
  });

  it.each(
    statuses({
      anonymous: 403,
      admin: 200,
      editor: 400,
      expertAr: 403,
      translatorAr: 403,
      translatorUk: 403,
      contributorA: 400,
      contributorB: 403,
    }),
  )('%s writes Arabic directly into a fiche → %i (translations go through the workflow)', async (who, status) => {
    const title = `عنوان ${who}`;
    const response = await api('PATCH', `/fiches/${publishedId}?locale=ar`, { token: as(who), body: { title } });
    expect(response.status).toBe(status);
    if (status === 400) expect(JSON.stringify(response.body)).toContain('Traductions');
    if (status !== 200) {
      const arabic = await payload.findByID({ collection: 'fiches', id: publishedId, locale: 'ar', fallbackLocale: false });
      expect(arabic.title ?? null).not.toBe(title);
    }
  });

  it.each(expectations(['admin', 'editor'], 200, 403))('%s deletes a fiche → %i', async (who, status) => {
    const id = await newPublishedFiche(`À supprimer par ${who}`);
    expect((await api('DELETE', `/fiches/${id}`, { token: as(who) })).status).toBe(status);
  });
});

describe('translations', () => {
  it.each(
    statuses({
      anonymous: 403,
      admin: 200,
      editor: 200,
      expertAr: 200,
      translatorAr: 200,
      translatorUk: 404,
      contributorA: 403,
      contributorB: 403,
    }),
  )('%s reads the Arabic translation → %i', async (who, status) => {
    expect((await api('GET', `/translations/${translationAr}`, { token: as(who) })).status).toBe(status);
  });

  it.each(expectations(['admin', 'expertAr', 'translatorAr'], 200, 403))('%s proposes Arabic text → %i', async (who, status) => {
    const response = await api('PATCH', `/translations/${translationAr}`, { token: as(who), body: { title: `اقتراح ${who}` } });
    expect(response.status).toBe(status);
  });

  it('a translator of Ukrainian cannot write the Arabic translation, nor move a translation to another language', async () => {
    expect(
      (await api('PATCH', `/translations/${translationAr}`, { token: tokens.translatorUk, body: { title: 'x' } })).status,
    ).toBe(403);
    const moved = await api('PATCH', `/translations/${translationUk}`, { token: tokens.translatorUk, body: { language: 'ar' } });
    expect(moved.status).toBe(400);
    expect(JSON.stringify(moved.body)).toContain('ne peut pas changer');
  });

  it('a volunteer translator cannot validate; the expert can', async () => {
    const refused = await api('PATCH', `/translations/${translationAr}`, {
      token: tokens.translatorAr,
      body: { status: 'validated' },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('Seul un traducteur expert');
    const accepted = await api('PATCH', `/translations/${translationAr}`, {
      token: tokens.expertAr,
      body: { status: 'validated' },
    });
    expect(accepted.status).toBe(200);
  });

  it.each(expectations(['admin'], 201, 403))('%s creates a translation document by hand → %i', async (who, status) => {
    const fiche = await newPublishedFiche(`Fiche pour ${who}`);
    await payload.delete({
      collection: 'translations',
      where: { and: [{ fiche: { equals: fiche } }, { language: { equals: 'ti' } }] },
    });
    const response = await api('POST', '/translations', { token: as(who), body: { fiche, language: 'ti' } });
    expect(response.status).toBe(status);
  });
});

describe('taxonomy, media and users', () => {
  for (const collection of ['themes', 'needs', 'structures'] as const) {
    it.each(expectations(everyone, 200, 200))(`%s lists ${collection} → %i`, async (who, status) => {
      expect((await api('GET', `/${collection}`, { token: as(who) })).status).toBe(status);
    });
  }

  it.each(expectations(['admin', 'editor'], 201, 403))('%s creates a structure → %i', async (who, status) => {
    const response = await api('POST', '/structures', {
      token: as(who),
      body: { slug: `structure-${who.toLowerCase()}`, name: `Structure ${who}`, kind: 'association', status: 'active' },
    });
    expect(response.status).toBe(status);
  });

  it.each(expectations(['admin', 'editor'], 200, 403))('%s renames a theme → %i', async (who, status) => {
    expect((await api('PATCH', `/themes/${themeId}`, { token: as(who), body: { name: `Se soigner (${who})` } })).status).toBe(
      status,
    );
  });

  it.each(
    expectations(
      everyone.filter((who) => who !== 'anonymous'),
      200,
      403,
    ),
  )('%s lists users → %i (non-admins see only themselves)', async (who, status) => {
    const response = await api('GET', '/users?limit=100', { token: as(who) });
    expect(response.status).toBe(status);
    if (status === 200) expect(response.body.totalDocs).toBe(who === 'admin' ? 7 : 1);
  });

  it.each(expectations(['admin'], 201, 403))('%s creates a user → %i', async (who, status) => {
    const response = await api('POST', '/users', {
      token: as(who),
      body: {
        email: `new-${who.toLowerCase()}@example.test`,
        name: 'x',
        password: 'long enough password',
        roles: ['translator'],
      },
    });
    expect(response.status).toBe(status);
  });
});

import type { Payload } from 'payload';

import type { User } from '../../src/payload-types';
import { createTaxonomy } from './fixtures';
import { createTestPayload, type TestPayload } from './payload';
import { restClient, type RestClient } from './rest';

export const testPassword = 'correct horse battery';

export type Role = 'admin' | 'editor' | 'expertAr' | 'translatorAr' | 'translatorUk' | 'contributorA' | 'contributorB';

/** One account per role (and per language or structure where it matters), logged in over REST. */
export async function createUsersAndLogIn(
  payload: Payload,
  api: RestClient,
  structures: { a: string; b: string },
): Promise<Record<Role, string>> {
  const specs: Record<Role, Pick<User, 'roles' | 'languages' | 'structure'>> = {
    admin: { roles: ['admin'], languages: [] },
    editor: { roles: ['editor'], languages: [] },
    expertAr: { roles: ['expertTranslator'], languages: ['ar'] },
    translatorAr: { roles: ['translator'], languages: ['ar'] },
    translatorUk: { roles: ['translator'], languages: ['uk'] },
    contributorA: { roles: ['contributor'], languages: [], structure: structures.a },
    contributorB: { roles: ['contributor'], languages: [], structure: structures.b },
  };
  const tokens = {} as Record<Role, string>;
  for (const [role, spec] of Object.entries(specs) as [Role, (typeof specs)[Role]][]) {
    const email = `${role.toLowerCase()}@example.test`;
    await payload.create({ collection: 'users', data: { email, name: role, password: testPassword, ...spec } });
    const response = await api('POST', '/users/login', { body: { email, password: testPassword } });
    if (!response.body?.token) throw new Error(`login failed for ${role}: ${JSON.stringify(response.body)}`);
    tokens[role] = response.body.token;
  }
  return tokens;
}

export type RoleWorld = TestPayload & {
  api: RestClient;
  tokens: Record<Role, string>;
  /** A: the taxonomy's structure (its contributor is contributorA); B: another one (contributorB). */
  structures: { a: string; b: string };
  themeId: string;
};

/**
 * A real Payload on a throw-away database with what the role tests share: one theme, two
 * structures and one logged-in account per role.
 */
export async function createRoleWorld(): Promise<RoleWorld> {
  const testPayload = await createTestPayload();
  const { payload } = testPayload;
  const api = restClient(testPayload.config);
  const taxonomy = await createTaxonomy(payload);
  const other = await payload.create({
    collection: 'structures',
    data: { slug: 'toit-partage', name: 'Toit Partagé', kind: 'association', status: 'active' },
    context: { skipRebuild: true },
  });
  const structures = { a: taxonomy.structureId, b: other.id };
  const tokens = await createUsersAndLogIn(payload, api, structures);
  return { ...testPayload, api, tokens, structures, themeId: taxonomy.themeId };
}

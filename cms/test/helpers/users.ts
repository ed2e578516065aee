import type { Payload } from 'payload';

import type { User } from '../../src/payload-types';
import type { RestClient } from './rest';

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

import type { Payload, RequestContext } from 'payload';

import type { User } from '../payload-types';

export type SeedUser = { email: string; name: string; roles: User['roles']; languages: User['languages']; created: boolean };

type UserSpec = Omit<SeedUser, 'created'> & { structure?: string };

/** The development logins printed by `npm start`: one per role, translators for a RTL language. */
export const developmentUsers: UserSpec[] = [
  { email: 'admin@passerelle.test', name: 'Alice Admin', roles: ['admin'], languages: [] },
  { email: 'editor@passerelle.test', name: 'Étienne Éditeur', roles: ['editor'], languages: [] },
  { email: 'expert-ar@passerelle.test', name: 'Amina (experte arabe)', roles: ['expertTranslator'], languages: ['ar'] },
  { email: 'translator-ar@passerelle.test', name: 'Youssef (traducteur arabe)', roles: ['translator'], languages: ['ar'] },
  { email: 'expert-fa@passerelle.test', name: 'Darya (experte persan)', roles: ['expertTranslator'], languages: ['fa', 'ps'] },
  {
    email: 'translator-uk@passerelle.test',
    name: 'Olena (traductrice ukrainienne)',
    roles: ['translator'],
    languages: ['uk', 'ru'],
  },
  {
    email: 'contributor@passerelle.test',
    name: 'Camille (Parole & Langues)',
    roles: ['contributor'],
    languages: [],
    structure: 'parole-et-langues',
  },
];

export async function seedUsers(
  payload: Payload,
  options: {
    password: string | undefined;
    structureIds: Map<string, string>;
    log: (line: string) => void;
    context: RequestContext;
  },
): Promise<SeedUser[]> {
  const { password, structureIds, log, context } = options;
  if (!password) {
    log('users: skipped (no SEED_PASSWORD; production never gets a default password)');
    return [];
  }
  assertSeedPasswordAllowed(password, { database: payload.db.name, nodeEnv: process.env.NODE_ENV });
  const users: SeedUser[] = [];
  for (const { structure, ...spec } of developmentUsers) {
    const { totalDocs } = await payload.count({ collection: 'users', where: { email: { equals: spec.email } } });
    if (totalDocs === 0) {
      await payload.create({
        collection: 'users',
        data: { ...spec, password, structure: structure ? structureIds.get(structure) : undefined },
        context,
      });
    }
    users.push({ ...spec, created: totalDocs === 0 });
  }
  log(`users: ${users.length} (${users.filter((user) => user.created).length} new)`);
  return users;
}

/**
 * The password of the development logins. It is public (README, `npm start`), so the seed gives
 * it only to a local development database; it still meets the password policy (12 characters or
 * more, not a common one), so no account is ever exempt from it.
 */
export const developmentPassword = 'passerelle-dev';

/** The seed password: SEED_PASSWORD, or the development password outside production. */
export function seedPassword(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SEED_PASSWORD) return env.SEED_PASSWORD;
  return env.NODE_ENV === 'production' ? undefined : developmentPassword;
}

export class SeedPasswordError extends Error {
  override name = 'SeedPasswordError';
}

/**
 * The development password is for a SQLite file outside production only: a MongoDB database is
 * a shared or production one, and so is anything run with NODE_ENV=production, even on SQLite.
 */
export function assertSeedPasswordAllowed(password: string, where: { database: string; nodeEnv: string | undefined }): void {
  if (password !== developmentPassword) return;
  if (where.database === 'sqlite' && where.nodeEnv !== 'production') return;
  const place = where.database === 'sqlite' ? 'with NODE_ENV=production' : `on a ${where.database} database`;
  throw new SeedPasswordError(
    `the development password is refused ${place} (it is public; only a local SQLite development database gets it): set SEED_PASSWORD to a password of your own, or leave it unset to create no login`,
  );
}

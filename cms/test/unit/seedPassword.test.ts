import { describe, expect, it } from 'vitest';

import { passwordProblem } from '../../src/auth/passwordPolicy';
import { assertSeedPasswordAllowed, developmentPassword, SeedPasswordError, seedPassword } from '../../src/seed/users';

describe('the development password', () => {
  it('is given outside production only', () => {
    expect(seedPassword({ NODE_ENV: 'development' })).toBe(developmentPassword);
    expect(seedPassword({ NODE_ENV: 'production' })).toBeUndefined();
    expect(seedPassword({ NODE_ENV: 'production', SEED_PASSWORD: 'une phrase à moi seule' })).toBe('une phrase à moi seule');
  });

  it('meets the password policy like any other', () => {
    expect(passwordProblem(developmentPassword)).toBeUndefined();
  });

  it('is accepted on a local SQLite development database', () => {
    expect(() => assertSeedPasswordAllowed(developmentPassword, { database: 'sqlite', nodeEnv: 'development' })).not.toThrow();
    expect(() => assertSeedPasswordAllowed(developmentPassword, { database: 'sqlite', nodeEnv: undefined })).not.toThrow();
  });

  it.each([
    ['mongoose', 'development', /on a mongoose database/],
    ['sqlite', 'production', /with NODE_ENV=production/],
    ['mongoose', 'production', /on a mongoose database/],
  ])('is refused on %s with NODE_ENV=%s', (database, nodeEnv, where) => {
    expect(() => assertSeedPasswordAllowed(developmentPassword, { database, nodeEnv })).toThrow(SeedPasswordError);
    expect(() => assertSeedPasswordAllowed(developmentPassword, { database, nodeEnv })).toThrow(where);
  });

  it('lets a password of one’s own through anywhere', () => {
    expect(() =>
      assertSeedPasswordAllowed('une phrase à moi seule', { database: 'mongoose', nodeEnv: 'production' }),
    ).not.toThrow();
  });
});

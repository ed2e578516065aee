import { describe, expect, it } from 'vitest';

import { passwordProblem } from '../../src/auth/passwordPolicy';
import { developmentPassword } from '../../src/seed/users';

describe('passwordProblem', () => {
  it.each([
    ['abc', /il en a 3/],
    ['onze carac.', /il en a 11/],
    // Counted in characters, not bytes or UTF-16 units.
    ['ééééé🙂', /il en a 6/],
  ])('refuses %j for its length', (password, message) => {
    expect(passwordProblem(password)).toMatch(message);
    expect(passwordProblem(password)).toMatch(/au moins 12 caractères/);
  });

  it.each([
    'qwerty123456',
    'QWERTY123456',
    '1qaz2wsx3edc',
    'motdepasse123',
    'Motdepasse2024!',
    'azertyuiop123',
    'password1234',
    'Passerelle2026!',
    'bonjour123456',
    '111111111111',
    'abcabcabcabc',
    '123456789012',
    'abcdefghijklmn',
    'zyxwvutsrqponm',
    'a-b-c-d-e-f-g-h-i-j',
  ])('refuses the common %j', (password) => {
    expect(passwordProblem(password)).toMatch(/plus courants/);
  });

  it('refuses a password made of the account’s e-mail', () => {
    expect(passwordProblem('amina.haddad2024', { email: 'amina.haddad@example.org' })).toMatch(/adresse e-mail/);
    expect(passwordProblem('amina.haddad@example.org', { email: 'amina.haddad@example.org' })).toMatch(/adresse e-mail/);
  });

  it.each([
    'correct horse battery',
    'le chat dort sur le radiateur',
    'Tr4duct!0n-ar-2026',
    'مرحبا بكم في باريس',
    developmentPassword,
  ])('accepts %j', (password) => {
    expect(passwordProblem(password, { email: 'someone@example.org' })).toBeUndefined();
  });
});

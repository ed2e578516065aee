import { commonPasswords, commonStems } from './commonPasswords';

/** ANSSI and NIST both put the floor at 12 characters for a password without a second factor. */
export const minimumPasswordLength = 12;

/** Keyboard rows and plain sequences: any 12 characters taken from them are guessed at once. */
const sequences = [
  '0123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'azertyuiopqsdfghjklmwxcvbn',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertzuiopasdfghjklyxcvbnm',
];

function isSequence(value: string): boolean {
  // A run of a sequence, possibly wrapping around (…7890123…), forwards or backwards.
  return sequences.some((sequence) => {
    const looped = sequence.repeat(Math.ceil(value.length / sequence.length) + 1);
    const reversed = [...looped].reverse().join('');
    return looped.includes(value) || reversed.includes(value);
  });
}

/** A spaced-out sequence (« a-b-c-d-e-f… ») is still one; too little left means mostly signs, judged as typed. */
function lettersAndDigits(value: string): string {
  const kept = value.replace(/[^\p{L}\p{N}]/gu, '');
  return kept.length >= 8 ? kept : value;
}

/**
 * Why a password is refused, in French (shown under the field in the admin and returned by the
 * REST API), or undefined when it is acceptable. Applied to every way a password is set: account
 * creation, change, reset.
 */
export function passwordProblem(password: string, context: { email?: string | null } = {}): string | undefined {
  const length = [...password].length;
  if (length < minimumPasswordLength) {
    return `Le mot de passe doit contenir au moins ${minimumPasswordLength} caractères (il en a ${length}). Une phrase de quelques mots est facile à retenir et difficile à deviner.`;
  }
  const normalized = password.trim().toLowerCase();
  // « motdepasse2024! » is as common as « motdepasse »: compare without the trailing digits and signs too.
  const stem = normalized.replace(/[\d\s!?.,;:*_#@$%&+=-]+$/u, '');
  const common =
    commonPasswords.has(normalized) ||
    commonStems.has(stem) ||
    commonPasswords.has(stem) ||
    /^(.{1,4})\1+$/su.test(normalized) ||
    isSequence(normalized) ||
    isSequence(lettersAndDigits(normalized));
  if (common) {
    return 'Ce mot de passe fait partie des plus courants et se devine en quelques secondes : choisissez-en un autre, par exemple une phrase de quelques mots.';
  }
  const localPart = context.email?.split('@')[0]?.toLowerCase();
  if (
    context.email &&
    (normalized.includes(context.email.toLowerCase()) || (localPart && localPart.length >= 4 && normalized.includes(localPart)))
  ) {
    return 'Le mot de passe ne doit pas reprendre l’adresse e-mail du compte.';
  }
  return undefined;
}

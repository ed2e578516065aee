/**
 * Short permanent ids for partner links (`/f/k7m2qx`). Lower-case letters and digits without
 * look-alikes (0/o, 1/l/i), so they survive being read aloud or copied from paper.
 */
export const shortIdAlphabet = '23456789abcdefghjkmnpqrstuvwxyz';
export const shortIdLength = 6;

const shortIdPattern = new RegExp(`^[${shortIdAlphabet}]{${shortIdLength}}$`);

export function isShortId(value: string): boolean {
  return shortIdPattern.test(value);
}

/** `randomBytes` is injected so tests are deterministic; callers pass crypto's. */
export function createShortId(randomBytes: (size: number) => Uint8Array): string {
  const alphabetSize = shortIdAlphabet.length;
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 31).
  const limit = 256 - (256 % alphabetSize);
  let id = '';
  while (id.length < shortIdLength) {
    for (const byte of randomBytes(shortIdLength * 2)) {
      if (byte < limit && id.length < shortIdLength) id += shortIdAlphabet[byte % alphabetSize];
    }
  }
  return id;
}

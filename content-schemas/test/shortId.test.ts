import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { ShortIdSchema } from '../src/schemas/common';
import { createShortId, isShortId, shortIdAlphabet, shortIdLength } from '../src/transforms/shortId';

describe('createShortId', () => {
  it('uses only unambiguous characters', () => {
    for (let i = 0; i < 200; i += 1) {
      const id = createShortId((size) => randomBytes(size));
      expect(id).toHaveLength(shortIdLength);
      expect(isShortId(id)).toBe(true);
      expect(id).not.toMatch(/[01ilo]/);
    }
  });

  it('is determined by its random source', () => {
    const bytes = (size: number) => Uint8Array.from({ length: size }, (_, index) => index);
    expect(createShortId(bytes)).toBe(shortIdAlphabet.slice(0, shortIdLength));
  });

  it('skips bytes that would bias the distribution', () => {
    // 248 and above are rejected (248 = 8 × 31); the next usable bytes decide.
    let call = 0;
    const bytes = (size: number) => Uint8Array.from({ length: size }, () => (call++ < 3 ? 250 : 1));
    expect(createShortId(bytes)).toBe(shortIdAlphabet[1]!.repeat(shortIdLength));
  });
});

describe('isShortId', () => {
  it.each([
    ['k7m2qx', true],
    ['K7M2QX', false],
    ['k7m2q', false],
    ['k7m2qo', false],
    ['k7m2q1', false],
  ])('%j → %s', (value, expected) => {
    expect(isShortId(value)).toBe(expected);
  });
});

describe('ShortIdSchema (the contract)', () => {
  it('accepts a generated short id', () => {
    expect(ShortIdSchema.parse('k7m2qx')).toBe('k7m2qx');
  });

  it.each(['qfe6nr - Copy', 'QFE6NR', '', 'k7m2qx2'])('refuses %j, which would reach _redirects', (value) => {
    expect(ShortIdSchema.safeParse(value).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';

import type { Locale } from '@passerelle/content-schemas';
import { alternateLinks } from '../../../src/lib/render/hreflang';

describe('alternateLinks', () => {
  const pathFor = (locale: Locale) => `/${locale}/demarches/carte-vitale/`;

  it.each<[Locale[], string[]]>([
    [['fr'], ['fr', 'x-default']],
    [
      ['ar', 'fr', 'en'],
      ['fr', 'en', 'ar', 'x-default'],
    ],
    [
      ['fr', 'en', 'ar', 'ps', 'fa', 'ti', 'ru', 'uk'],
      ['fr', 'en', 'ar', 'ps', 'fa', 'ti', 'ru', 'uk', 'x-default'],
    ],
  ])('for %j lists %j', (available, expected) => {
    expect(alternateLinks('https://passerelle.example', available, pathFor).map((link) => link.hreflang)).toEqual(expected);
  });

  it('points x-default to the French page with absolute URLs', () => {
    const links = alternateLinks('https://passerelle.example', ['fr', 'ar'], pathFor);
    expect(links.at(-1)).toEqual({ hreflang: 'x-default', href: 'https://passerelle.example/fr/demarches/carte-vitale/' });
    expect(links[1]).toEqual({ hreflang: 'ar', href: 'https://passerelle.example/ar/demarches/carte-vitale/' });
  });

  it('refuses a set without French', () => {
    expect(() => alternateLinks('https://passerelle.example', ['en'], pathFor)).toThrow(/French/);
  });
});

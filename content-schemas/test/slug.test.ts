import { describe, expect, it } from 'vitest';

import { isSlug, slugify } from '../src/transforms/slug';

describe('slugify', () => {
  it.each([
    ['Obtenir sa carte Vitale', 'obtenir-sa-carte-vitale'],
    ['S’inscrire à France Travail', 's-inscrire-a-france-travail'],
    ["L'échange du permis de conduire étranger", 'l-echange-du-permis-de-conduire-etranger'],
    ['Cœur & Œuvre — santé', 'coeur-oeuvre-sante'],
    ['  DELF A1 / A2 : 2026 !  ', 'delf-a1-a2-2026'],
    ['Ça coûte combien ?', 'ca-coute-combien'],
    ['Ärztliche Straße', 'arztliche-strasse'],
    ['العربية', ''],
  ])('turns %j into %j', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('cuts long titles on a word boundary', () => {
    const slug = slugify('demander une aide personnalisée au logement quand on est hébergé chez un proche', 40);
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).toBe('demander-une-aide-personnalisee-au');
  });

  it('produces only valid slugs', () => {
    for (const title of ['Obtenir sa carte Vitale', 'Ça coûte combien ?', '--a--b--']) {
      expect(isSlug(slugify(title))).toBe(true);
    }
  });
});

describe('isSlug', () => {
  it.each([
    ['carte-vitale', true],
    ['delf-a1', true],
    ['Carte-Vitale', false],
    ['carte--vitale', false],
    ['-carte', false],
    ['carte vitale', false],
    ['carte-vitalé', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isSlug(value)).toBe(expected);
  });
});

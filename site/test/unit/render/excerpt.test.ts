import { describe, expect, it } from 'vitest';

import { excerpt } from '../../../src/lib/render/excerpt';

describe('excerpt', () => {
  it.each([
    ['short text stays whole', 'La carte Vitale est gratuite.', 160, 'La carte Vitale est gratuite.'],
    ['whitespace is collapsed', '  La carte\n\nVitale  ', 160, 'La carte Vitale'],
    ['cut on a word boundary', 'La carte Vitale est la carte verte de l’Assurance Maladie', 30, 'La carte Vitale est la carte…'],
    [
      'trailing punctuation dropped before the ellipsis',
      'Elle est gratuite, simple et rapide à obtenir',
      20,
      'Elle est gratuite…',
    ],
    ['Arabic is cut on a word boundary too', 'بطاقة فيتال هي البطاقة الخضراء للتأمين الصحي', 25, 'بطاقة فيتال هي البطاقة…'],
    ['a single long word is cut hard', 'Anticonstitutionnellement', 10, 'Anticonst…'],
  ])('%s', (_name, text, max, expected) => {
    const result = excerpt(text, max);
    expect(result).toBe(expected);
    expect(result.length).toBeLessThanOrEqual(max);
  });
});

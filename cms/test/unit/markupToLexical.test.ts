import { describe, expect, it } from 'vitest';

import { markupToLexical } from '../../src/seed/markupToLexical';

const noLinks = (key: string): string => {
  throw new Error(`unexpected fiche link ${key}`);
};

describe('markupToLexical', () => {
  it('turns blank-line separated blocks into paragraphs with the given direction', () => {
    const doc = markupToLexical('Premier paragraphe.\n\nSecond\nsur deux lignes.', 'ltr', noLinks);
    expect(doc.root.direction).toBe('ltr');
    expect(doc.root.children.map((node) => node.type)).toEqual(['paragraph', 'paragraph']);
    expect((doc.root.children[1]!.children as { text: string }[])[0]!.text).toBe('Second sur deux lignes.');
  });

  it('makes bullet and numbered lists', () => {
    const doc = markupToLexical('- un\n- deux\n\n1. premier\n2. second', 'rtl', noLinks);
    const [bullets, numbers] = doc.root.children;
    expect(bullets).toMatchObject({ type: 'list', listType: 'bullet', tag: 'ul', direction: 'rtl' });
    expect(numbers).toMatchObject({ type: 'list', listType: 'number', tag: 'ol' });
    expect((numbers!.children as { value: number }[]).map((item) => item.value)).toEqual([1, 2]);
  });

  it('splits a sentence followed by a list into a paragraph and a list', () => {
    const doc = markupToLexical('Vous avez besoin :\n- d’un passeport\n- d’une adresse\nPuis venez.', 'ltr', noLinks);
    expect(doc.root.children.map((node) => node.type)).toEqual(['paragraph', 'list', 'paragraph']);
    expect(doc.root.children[1]!.children).toHaveLength(2);
  });

  it('keeps bold text and text around it', () => {
    const doc = markupToLexical('Apportez **votre passeport** et un justificatif.', 'ltr', noLinks);
    expect(doc.root.children[0]!.children).toMatchObject([
      { text: 'Apportez ', format: 0 },
      { text: 'votre passeport', format: 1 },
      { text: ' et un justificatif.', format: 0 },
    ]);
  });

  it('makes external links and internal links to fiches', () => {
    const doc = markupToLexical(
      'Voir [ameli.fr](https://www.ameli.fr/) et [la carte Vitale](fiche:carte-vitale).',
      'ltr',
      (key) => `id-of-${key}`,
    );
    const [, external, , internal] = doc.root.children[0]!.children as Record<string, unknown>[];
    expect(external).toMatchObject({ type: 'link', fields: { linkType: 'custom', url: 'https://www.ameli.fr/' } });
    expect(internal).toMatchObject({
      type: 'link',
      fields: { linkType: 'internal', doc: { relationTo: 'fiches', value: 'id-of-carte-vitale' } },
    });
  });

  it('rejects a malformed or non-web link instead of storing it', () => {
    expect(() => markupToLexical('[x](javascript:alert(1))', 'ltr', noLinks)).toThrow();
    expect(() => markupToLexical('[x](not-a-url)', 'ltr', noLinks)).toThrow();
  });
});

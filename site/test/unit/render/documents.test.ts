import { describe, expect, it } from 'vitest';

import { documentLinesIn } from '../../../src/lib/render/documents';

const rib = { slug: 'rib', name: { fr: 'RIB (relevé d’identité bancaire)', ar: 'RIB (كشف الهوية المصرفية)' } };
const shared = new Map([['doc-rib', rib]]);

const fiche = {
  shortId: 'k7m2qx',
  documents: {
    fr: [
      { document: 'doc-rib', name: null, note: 'à votre nom', need: 'required' as const },
      { document: null, name: 'Lettre de refus de la banque', note: null, need: 'sometimes' as const },
      { document: 'doc-gone', name: null, note: null, need: 'required' as const },
    ],
    ar: [
      { name: null, note: 'باسمك' },
      { name: null, note: null },
    ],
  },
};

describe('documentLinesIn', () => {
  it('names a shared document from the list, in the page language, with its French name', () => {
    const [first] = documentLinesIn(fiche, shared, 'ar');
    expect(first).toEqual({
      key: 'd:rib',
      name: { value: 'RIB (كشف الهوية المصرفية)', locale: 'ar' },
      french: 'RIB (relevé d’identité bancaire)',
      note: { value: 'باسمك', locale: 'ar' },
      frenchNote: 'à votre nom',
      need: 'required',
    });
  });

  it('shows a fiche’s own document in French where it is not translated, with a key of its own', () => {
    const [, second] = documentLinesIn(fiche, shared, 'ar');
    expect(second).toMatchObject({
      key: 'f:k7m2qx:1',
      name: { value: 'Lettre de refus de la banque', locale: 'fr' },
      need: 'sometimes',
      note: undefined,
    });
  });

  it('falls back to the French name of a shared document not translated into the language', () => {
    const [first] = documentLinesIn(fiche, shared, 'uk');
    expect(first?.name).toEqual({ value: 'RIB (relevé d’identité bancaire)', locale: 'fr' });
    expect(first?.note).toEqual({ value: 'à votre nom', locale: 'fr' });
  });

  it('leaves out a row whose shared document is not published, and a fiche without documents has none', () => {
    expect(documentLinesIn(fiche, shared, 'fr').map((line) => line.key)).toEqual(['d:rib', 'f:k7m2qx:1']);
    expect(documentLinesIn({ shortId: 'k7m2qx', documents: null }, shared, 'fr')).toEqual([]);
  });
});

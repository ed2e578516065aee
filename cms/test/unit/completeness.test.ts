import { describe, expect, it } from 'vitest';

import { findMissingForPublication, richTextHasText } from '../../src/collections/Fiches/completeness';
import { markupToLexical } from '../../src/seed/markupToLexical';

const body = (text: string) => markupToLexical(text, 'ltr', (key) => key) as never;
const item = (title = 'Titre', text = 'Du texte.') => ({ title, body: body(text) });

const completeDemarche = {
  type: 'demarche' as const,
  title: 'Obtenir sa carte Vitale',
  summary: 'La carte Vitale prouve vos droits à l’Assurance Maladie.',
  what: [item()],
  how: [item()],
  next: [item()],
  documents: [{ document: 'document-id', need: 'required' as const }],
  primaryTheme: 'theme-id',
  mainStructure: 'structure-id',
};

const completeDispositif = {
  ...completeDemarche,
  type: 'dispositif' as const,
  brandName: 'Cafés de la langue',
  why: [item(), item(), item()],
  next: [],
};

const paths = (fiche: object) => findMissingForPublication(fiche).map((missing) => missing.path);

describe('findMissingForPublication', () => {
  it('accepts a complete démarche and a complete dispositif', () => {
    expect(paths(completeDemarche)).toEqual([]);
    expect(paths(completeDispositif)).toEqual([]);
  });

  it('lists every missing common field', () => {
    expect(paths({ type: 'demarche' })).toEqual([
      'title',
      'summary',
      'what',
      'primaryTheme',
      'mainStructure',
      'how',
      'next',
      'documents',
    ]);
  });

  it('requires a brand name and three reasons for a dispositif, but no "next"', () => {
    expect(paths({ ...completeDispositif, brandName: ' ', why: [item(), item()] })).toEqual(['brandName', 'why']);
  });

  it('asks a démarche for at least one document, or an explicit « aucun document »', () => {
    const withoutDocuments = { ...completeDemarche, documents: [{ name: '  ', need: 'required' as const }] };
    expect(findMissingForPublication(withoutDocuments)).toEqual([
      {
        path: 'documents',
        message:
          'Indiquez au moins un document à fournir, ou cochez « Aucun document à fournir » (onglet « Documents et étapes »).',
      },
    ]);
    expect(paths({ ...withoutDocuments, noDocuments: true })).toEqual([]);
    expect(paths({ ...withoutDocuments, documents: [{ name: 'Lettre de l’OFII', need: 'sometimes' as const }] })).toEqual([]);
    expect(paths({ ...completeDispositif, documents: [] })).toEqual([]);
  });

  it('does not count items with an empty body or title', () => {
    expect(paths({ ...completeDemarche, how: [item('Étape', '   '), item('', 'texte')] })).toEqual(['how']);
  });

  it('explains each problem in French', () => {
    const [missing] = findMissingForPublication({ ...completeDemarche, summary: '' });
    expect(missing).toEqual({ path: 'summary', message: 'Le résumé en français est obligatoire pour publier.' });
  });
});

describe('richTextHasText', () => {
  it.each([
    [null, false],
    [{}, false],
    [{ root: { children: [] } }, false],
    [{ root: { children: [{ children: [{ text: '  ' }] }] } }, false],
    [{ root: { children: [{ children: [{ text: 'ok' }] }] } }, true],
  ])('%j → %s', (value, expected) => {
    expect(richTextHasText(value)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';

import { markupToLexical } from '../../src/seed/markupToLexical';
import type { UnitRecords } from '../../src/translation/records';
import { publishedTranslationStatus } from '../../src/translation/sync';
import { unitStates } from '../../src/translation/unitStates';
import { unitsOf } from '../../src/translation/units';
import { wordDiff } from '../../src/translation/wordDiff';

const body = (text: string) => markupToLexical(text, 'ltr', (key) => key);
const french = {
  title: 'Obtenir sa carte Vitale',
  summary: 'Une carte pour vos soins.',
  how: [
    { title: 'Demander', body: body('Connectez-vous à **ameli**.') },
    { title: 'Attendre', body: body('- trois semaines\n- par la poste') },
  ],
};

describe('unitsOf', () => {
  it('keys units by field and section item, with their plain text', () => {
    const units = unitsOf(french);
    expect([...units.keys()]).toEqual(['title', 'summary', 'how.0', 'how.1']);
    expect(units.get('how.0')?.text).toBe('Demander Connectez-vous à ameli.');
  });

  it('gives the same fingerprint when only formatting or spacing changes', () => {
    const reformatted = unitsOf({ ...french, how: [{ title: 'Demander', body: body('Connectez-vous   à ameli.') }] });
    expect(reformatted.get('how.0')?.fingerprint).toBe(unitsOf(french).get('how.0')?.fingerprint);
  });

  it('gives another fingerprint when a word changes', () => {
    const reworded = unitsOf({ ...french, title: 'Obtenir la carte Vitale' });
    expect(reworded.get('title')?.fingerprint).not.toBe(unitsOf(french).get('title')?.fingerprint);
  });

  it('skips empty fields', () => {
    expect([...unitsOf({ title: '  ', brandName: null, how: [] }).keys()]).toEqual([]);
  });
});

describe('unitStates', () => {
  const source = unitsOf(french);
  const translation = unitsOf({ title: 'Get your carte Vitale', summary: 'A card for your care.' });
  const validatedAt = '2026-11-01T10:00:00.000Z';

  it('tells validated, outdated, in review and missing units apart', () => {
    const records: UnitRecords = {
      title: { validatedAt, fingerprint: source.get('title')!.fingerprint },
      summary: { validatedAt, fingerprint: 'french-before-the-change' },
    };
    const states = unitStates({ french: source, translation, records, status: 'toReview' });
    expect(Object.fromEntries(states)).toEqual({
      title: 'validated',
      summary: 'outdated',
      'how.0': 'missing',
      'how.1': 'missing',
    });
  });

  it('shows a unit proposed after its validation as in progress, not validated', () => {
    const records: UnitRecords = {
      title: { validatedAt, proposedAt: '2026-11-02T10:00:00.000Z', fingerprint: source.get('title')!.fingerprint },
    };
    expect(unitStates({ french: source, translation, records, status: 'inProgress' }).get('title')).toBe('inProgress');
  });
});

describe('publishedTranslationStatus', () => {
  it('reports validated and outdated units per language, ignoring unvalidated proposals', () => {
    const source = unitsOf(french);
    const status = publishedTranslationStatus(french, [
      {
        language: 'ar',
        units: {
          title: { validatedAt: '2026-11-01T10:00:00.000Z', fingerprint: source.get('title')!.fingerprint },
          'how.0': { validatedAt: '2026-11-01T10:00:00.000Z', fingerprint: 'old', outdatedAt: '2026-11-20T09:00:00.000Z' },
          summary: { proposedAt: '2026-11-03T10:00:00.000Z' },
        },
      },
      { language: 'ti', units: {} },
    ]);
    expect(status).toEqual({
      ar: {
        title: { state: 'validated', validatedAt: '2026-11-01T10:00:00.000Z', frenchChangedAt: null },
        'how.0': { state: 'outdated', validatedAt: '2026-11-01T10:00:00.000Z', frenchChangedAt: '2026-11-20T09:00:00.000Z' },
      },
    });
  });
});

describe('wordDiff', () => {
  it('marks added and removed words, and joins back into both texts', () => {
    const parts = wordDiff('Venez le mardi matin.', 'Venez le jeudi matin avec un papier.');
    expect(parts[0]).toEqual({ kind: 'same', text: 'Venez le ' });
    expect(
      parts
        .filter((part) => part.kind !== 'added')
        .map((part) => part.text)
        .join(''),
    ).toBe('Venez le mardi matin.');
    expect(
      parts
        .filter((part) => part.kind !== 'removed')
        .map((part) => part.text)
        .join(''),
    ).toBe('Venez le jeudi matin avec un papier.');
    expect(parts.some((part) => part.kind === 'removed' && part.text.includes('mardi'))).toBe(true);
    expect(parts.some((part) => part.kind === 'added' && part.text.includes('jeudi'))).toBe(true);
  });

  it('returns one unchanged part for equal texts', () => {
    expect(wordDiff('Même texte', 'Même texte')).toEqual([{ kind: 'same', text: 'Même texte' }]);
  });
});

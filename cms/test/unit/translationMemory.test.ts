import { describe, expect, it } from 'vitest';

import { markupToLexical } from '../../src/seed/markupToLexical';
import { proposalData } from '../../src/translation/memory/proposalEndpoint';
import { wordCount } from '../../src/translation/units';
import { wordsPerTranslator, type WorkEvent } from '../../src/translation/wordCounts/wordCountsCsv';
import {
  bandsOf,
  blocksOf,
  frenchHash,
  piecesOf,
  segmentsOf,
  sentencesOf,
  similarity,
} from '../../src/translation/memory/segments';

const body = (text: string, direction: 'ltr' | 'rtl' = 'ltr') => markupToLexical(text, direction, (key) => key);

describe('sentencesOf', () => {
  it('cuts after French, Arabic and Ethiopic sentence ends, keeping the punctuation', () => {
    expect(sentencesOf('Venez mardi. Apportez un papier ! Et après ?')).toEqual([
      'Venez mardi.',
      'Apportez un papier !',
      'Et après ?',
    ]);
    expect(sentencesOf('هل لديك حساب؟ ادخل إليه.')).toEqual(['هل لديك حساب؟', 'ادخل إليه.']);
    expect(sentencesOf('ሰላም። እንኳን ደህና መጡ።')).toEqual(['ሰላም።', 'እንኳን ደህና መጡ።']);
  });
});

describe('blocksOf', () => {
  it('gives paragraphs and one line per list item, marked « - »', () => {
    expect(blocksOf(body('Apportez :\n- un **passeport**\n- une photo\n\nPuis venez.'))).toEqual([
      'Apportez :',
      '- un passeport',
      '- une photo',
      'Puis venez.',
    ]);
  });
});

describe('frenchHash', () => {
  it('is the same for texts that differ only in case, apostrophes and spaces, per language', () => {
    expect(frenchHash('ar', 'L’Assurance  Maladie')).toBe(frenchHash('ar', "l'assurance maladie"));
    expect(frenchHash('ar', 'Assurance')).not.toBe(frenchHash('fa', 'Assurance'));
  });
});

describe('bandsOf', () => {
  it('shares a band between close sentences, not between unrelated ones', () => {
    const a = bandsOf('ar', 'Connectez-vous à votre compte ameli pour demander la carte Vitale.');
    const close = bandsOf('ar', 'Connectez-vous à votre compte ameli pour commander la carte Vitale.');
    const other = bandsOf('ar', 'Le logement social se demande auprès de la mairie de votre commune.');
    expect(a).toHaveLength(4);
    expect(a.some((band, index) => band === close[index])).toBe(true);
    expect(a.some((band, index) => band === other[index])).toBe(false);
  });

  it('gives nothing for a text of stop words only', () => {
    expect(bandsOf('ar', 'et de la')).toEqual([]);
  });
});

describe('similarity', () => {
  it('is 1 for the same normalized French, high for one word changed, 0 below the threshold', () => {
    expect(similarity('Une carte verte.', 'une  carte verte.')).toBe(1);
    const close = similarity('Une carte verte avec votre photo.', 'Une carte bleue avec votre photo.');
    expect(close).toBeGreaterThan(0.8);
    expect(close).toBeLessThan(1);
    expect(similarity('Une carte verte.', 'Le logement social se demande à la mairie.')).toBe(0);
  });
});

describe('segmentsOf', () => {
  const french = { summary: 'Une carte. Pour vos soins.', how: [{ title: 'Demander', body: body('Allez sur ameli. Cliquez.') }] };
  it('pairs whole units and, when counts agree, their sentences', () => {
    const target = { summary: 'A card. For your care.', how: [{ title: 'Apply', body: body('Go to ameli. Click.') }] };
    const segments = segmentsOf(french, target, ['summary', 'how.0']);
    expect(segments).toContainEqual({
      unit: 'how.0',
      scope: 'unit',
      french: 'Demander Allez sur ameli. Cliquez.',
      target: 'Apply\nGo to ameli. Click.',
    });
    expect(segments).toContainEqual({ unit: 'how.0', scope: 'sentence', french: 'Cliquez.', target: 'Click.' });
    expect(segments).toContainEqual({ unit: 'summary', scope: 'sentence', french: 'Pour vos soins.', target: 'For your care.' });
  });

  it('keeps only the whole unit when sentences do not line up', () => {
    const segments = segmentsOf(french, { summary: 'A card for your care.' }, ['summary']);
    expect(segments).toEqual([
      { unit: 'summary', scope: 'unit', french: 'Une carte. Pour vos soins.', target: 'A card for your care.' },
    ]);
  });

  it('matches the whole text unitsOf gives a section item', () => {
    expect(piecesOf(french, 'how.0')).toEqual({
      key: 'how.0',
      text: 'Demander Allez sur ameli. Cliquez.',
      pieces: ['Demander', 'Allez sur ameli.', 'Cliquez.'],
      sectioned: true,
    });
  });
});

describe('proposalData', () => {
  it('writes a section item from a memory text: title, paragraphs and list, in the language’s direction', () => {
    const data = proposalData(
      { how: [{ title: 'قديم', body: body('نص', 'rtl') as never }] },
      'how.0',
      'تقديم الطلب\nأحضر:\n- جواز سفر\n- صورة',
      'ar',
    );
    const item = data.how?.[0] as { title: string; body: { root: { direction: string; children: { type: string }[] } } };
    expect(item.title).toBe('تقديم الطلب');
    expect(item.body.root.direction).toBe('rtl');
    expect(item.body.root.children.map((child) => child.type)).toEqual(['paragraph', 'list']);
    expect(blocksOf(item.body)).toEqual(['أحضر:', '- جواز سفر', '- صورة']);
  });

  it('writes a text unit as is', () => {
    expect(proposalData({}, 'summary', 'A card.', 'en')).toEqual({ summary: 'A card.' });
  });
});

describe('wordCount', () => {
  it('counts runs between spaces that hold a letter or a digit', () => {
    expect(wordCount('Présentez-vous à l’Assurance Maladie — avant le 15 mars.')).toBe(8);
    expect(wordCount('  « »  ')).toBe(0);
  });
});

describe('wordsPerTranslator', () => {
  const event = (
    kind: WorkEvent['kind'],
    translator: string,
    unit: string,
    words: number,
    at = '2026-03-01T10:00:00.000Z',
  ): WorkEvent => ({
    at,
    kind,
    translator,
    language: 'ar',
    translation: 't1',
    unit,
    words,
  });
  it('counts a unit proposed several times by one person once, and each validation of a proposal', () => {
    const rows = wordsPerTranslator([
      event('proposed', 'amina', 'summary', 10),
      event('proposed', 'amina', 'summary', 12, '2026-03-02T10:00:00.000Z'),
      event('proposed', 'amina', 'how.0', 30),
      event('validated', 'amina', 'summary', 12, '2026-03-03T10:00:00.000Z'),
      event('proposed', 'karim', 'how.0', 30),
    ]);
    expect(rows).toEqual([
      { translator: 'amina', language: 'ar', proposed: 42, validated: 12 },
      { translator: 'karim', language: 'ar', proposed: 30, validated: 0 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';

import { addMonths, archivedNote, ficheFreshness, isLongOverdue, nextReviewDate, reviewStateAt, type Locale } from '../src';

describe('addMonths', () => {
  it.each([
    ['a plain month', '2026-01-15T08:00:00.000Z', 6, '2026-07-15T08:00:00.000Z'],
    ['across a year', '2026-09-15T00:00:00.000Z', 6, '2027-03-15T00:00:00.000Z'],
    ['clamped to the end of a shorter month', '2026-08-31T00:00:00.000Z', 6, '2027-02-28T00:00:00.000Z'],
    ['clamped to 29 February in a leap year', '2027-08-31T00:00:00.000Z', 6, '2028-02-29T00:00:00.000Z'],
    ['twelve months', '2026-02-28T00:00:00.000Z', 12, '2027-02-28T00:00:00.000Z'],
  ])('%s', (_name, from, months, expected) => {
    expect(addMonths(from, months).toISOString()).toBe(expected);
    expect(nextReviewDate(from, months)).toBe(expected);
  });
});

describe('reviewStateAt', () => {
  const due = '2026-06-15T00:00:00.000Z';
  it.each([
    ['ok more than 14 days before', '2026-05-31T23:59:59.000Z', 'ok'],
    ['due soon from 14 days before', '2026-06-01T00:00:00.000Z', 'dueSoon'],
    ['overdue on the day', '2026-06-15T00:00:00.000Z', 'overdue'],
    ['still overdue 13 days later', '2026-06-28T23:59:00.000Z', 'overdue'],
    ['follow-up 14 days overdue', '2026-06-29T00:00:00.000Z', 'followUp'],
  ])('%s', (_name, now, expected) => {
    expect(reviewStateAt(due, new Date(now))).toBe(expected);
  });
});

describe('isLongOverdue', () => {
  const review = { lastCheckedAt: '2026-01-01T00:00:00.000Z', nextReviewAt: '2026-07-01T00:00:00.000Z' };
  it.each([
    ['not before the due date', '2026-06-30T00:00:00.000Z', false],
    ['not while overdue by less than its interval', '2026-12-20T00:00:00.000Z', false],
    ['yes once overdue by more than its interval (181 days)', '2026-12-29T00:00:01.000Z', true],
  ])('%s', (_name, now, expected) => {
    expect(isLongOverdue(review, new Date(now))).toBe(expected);
  });
});

describe('archivedNote', () => {
  const validated = { state: 'validated', validatedAt: '2026-11-20T10:00:00.000Z' } as const;
  const outdated = {
    state: 'outdated',
    validatedAt: '2026-11-01T10:00:00.000Z',
    frenchChangedAt: '2026-11-02T10:00:00.000Z',
  } as const;
  it('keeps the French and only the translations validated for this note', () => {
    expect(
      archivedNote({
        changeNote: { fr: ' Nouveau ', ar: 'جديد', en: 'Old', ru: 'Новое' },
        changeNoteDate: '2026-11-20T09:30:00.000Z',
        translationStatus: { ar: { changeNote: validated }, en: { changeNote: outdated } },
      }),
    ).toEqual({ date: '2026-11-20T09:30:00.000Z', notes: { fr: 'Nouveau', ar: 'جديد' } });
  });
  it('archives nothing without a date or a French note', () => {
    expect(archivedNote({ changeNote: { fr: 'Sans date' }, changeNoteDate: null })).toBeUndefined();
    expect(archivedNote({ changeNote: { fr: ' ' }, changeNoteDate: '2026-11-20T09:30:00.000Z' })).toBeUndefined();
  });
});

describe('ficheFreshness', () => {
  const fiche = {
    lastCheckedAt: '2026-01-10T00:00:00.000Z',
    nextReviewAt: '2026-07-10T00:00:00.000Z',
    changedAt: '2025-12-01T00:00:00.000Z',
    updatedAt: '2026-01-10T00:00:00.000Z',
    changeNote: { fr: 'Troisième', ar: 'الثالثة' },
    changeNoteDate: '2025-12-01T00:00:00.000Z',
    translationStatus: { ar: { changeNote: { state: 'validated' as const, validatedAt: '2025-12-02T00:00:00.000Z' } } },
    changeHistory: [
      { date: '2025-01-01T00:00:00.000Z', notes: { fr: 'Première', ar: 'الأولى' } },
      { date: '2025-06-01T00:00:00.000Z', notes: { fr: 'Deuxième' } },
    ],
  };
  it.each<[string, Locale, { text: string; locale: Locale }[]]>([
    [
      'French: every note, newest first',
      'fr',
      [
        { text: 'Troisième', locale: 'fr' },
        { text: 'Deuxième', locale: 'fr' },
        { text: 'Première', locale: 'fr' },
      ],
    ],
    [
      'Arabic: validated notes in Arabic, the others in French',
      'ar',
      [
        { text: 'الثالثة', locale: 'ar' },
        { text: 'Deuxième', locale: 'fr' },
        { text: 'الأولى', locale: 'ar' },
      ],
    ],
    [
      'Ukrainian: all in French',
      'uk',
      [
        { text: 'Troisième', locale: 'fr' },
        { text: 'Deuxième', locale: 'fr' },
        { text: 'Première', locale: 'fr' },
      ],
    ],
  ])('%s', (_name, locale, expected) => {
    const freshness = ficheFreshness(fiche, locale, new Date('2026-02-01T00:00:00.000Z'));
    expect(freshness.history.map(({ text, locale: lang }) => ({ text, locale: lang }))).toEqual(expected);
    expect(freshness.history.map((note) => note.date)).toEqual([
      '2025-12-01T00:00:00.000Z',
      '2025-06-01T00:00:00.000Z',
      '2025-01-01T00:00:00.000Z',
    ]);
  });

  it('gives the check date, the last real change, and a warning only once long overdue', () => {
    expect(ficheFreshness(fiche, 'fa', new Date('2026-12-01T00:00:00.000Z'))).toMatchObject({
      checkedAt: fiche.lastCheckedAt,
      changedAt: fiche.changedAt,
    });
    expect(ficheFreshness(fiche, 'fa', new Date('2026-12-01T00:00:00.000Z')).staleSince).toBeUndefined();
    expect(ficheFreshness(fiche, 'fa', new Date('2027-01-11T00:00:00.000Z')).staleSince).toBe(fiche.lastCheckedAt);
  });

  it('falls back to the last change on a snapshot without review dates', () => {
    expect(ficheFreshness({ updatedAt: '2026-03-03T00:00:00.000Z' }, 'ru', new Date('2030-01-01T00:00:00.000Z'))).toEqual({
      checkedAt: '2026-03-03T00:00:00.000Z',
      changedAt: '2026-03-03T00:00:00.000Z',
      history: [],
    });
  });
});

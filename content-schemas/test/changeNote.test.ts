import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { changeNoteIn, changeNoteMaxLength, FicheSchema, parseDocuments, type Locale } from '../src';
import { fixtureSnapshotDir } from '../src/repository';

const date = '2026-11-20T09:30:00.000Z';
const validated = { state: 'validated', validatedAt: '2026-11-20T10:00:00.000Z' } as const;
const outdated = { state: 'outdated', validatedAt: '2026-11-01T10:00:00.000Z', frenchChangedAt: date } as const;

describe('changeNoteIn', () => {
  it.each<[string, Parameters<typeof changeNoteIn>[0], Locale, ReturnType<typeof changeNoteIn>]>([
    [
      'the translated note when an expert validated it against this note',
      { changeNote: { fr: 'Nouveau', en: 'New' }, changeNoteDate: date, translationStatus: { en: { changeNote: validated } } },
      'en',
      { text: 'New', locale: 'en', date },
    ],
    [
      'the French note when the translated one was written for an earlier note',
      {
        changeNote: { fr: 'Nouveau', en: 'Old news' },
        changeNoteDate: date,
        translationStatus: { en: { changeNote: outdated } },
      },
      'en',
      { text: 'Nouveau', locale: 'fr', date },
    ],
    [
      'the French note when the translated one never went through validation',
      { changeNote: { fr: 'Nouveau', en: 'Typed by hand' }, changeNoteDate: date },
      'en',
      { text: 'Nouveau', locale: 'fr', date },
    ],
    [
      'the French note, tagged French, when the language has none',
      { changeNote: { fr: 'Nouveau', en: '' }, changeNoteDate: date },
      'ar',
      { text: 'Nouveau', locale: 'fr', date },
    ],
    [
      'the French note in French',
      { changeNote: { fr: 'Nouveau' }, changeNoteDate: date },
      'fr',
      { text: 'Nouveau', locale: 'fr', date },
    ],
    [
      'nothing without a date: a note is announced only with its publication',
      { changeNote: { fr: 'Ancienne note' }, changeNoteDate: null },
      'fr',
      undefined,
    ],
    [
      'nothing when the French note is empty, even if a translation is left',
      { changeNote: { fr: ' ', en: 'Stale' }, changeNoteDate: date, translationStatus: { en: { changeNote: validated } } },
      'en',
      undefined,
    ],
    ['nothing on a fiche that never had a note', { changeNote: undefined, changeNoteDate: undefined }, 'uk', undefined],
  ])('%s', (_name, fiche, locale, expected) => {
    expect(changeNoteIn(fiche, locale)).toEqual(expected);
  });
});

describe('the change note in the REST contract', () => {
  it(`refuses a note longer than ${changeNoteMaxLength} characters`, async () => {
    const [fixture] = JSON.parse(await readFile(path.join(fixtureSnapshotDir, 'fiches.json'), 'utf8')) as Record<
      string,
      unknown
    >[];
    const result = FicheSchema.safeParse({ ...fixture, changeNote: { fr: 'x'.repeat(changeNoteMaxLength + 1) } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['changeNote', 'fr']);
  });

  it('the fixtures hold a translated note, a French-only note dated before a later publication, and fiches without one', async () => {
    const fiches = parseDocuments('fiches', JSON.parse(await readFile(path.join(fixtureSnapshotDir, 'fiches.json'), 'utf8')));
    const bySlug = new Map(fiches.map((fiche) => [fiche.slug, fiche]));
    expect(changeNoteIn(bySlug.get('carte-vitale')!, 'en')?.locale).toBe('en');
    const frenchOnly = bySlug.get('permanence-sante-exil')!;
    expect(changeNoteIn(frenchOnly, 'ar')?.locale).toBe('fr');
    expect(Date.parse(frenchOnly.changeNoteDate!)).toBeLessThan(Date.parse(frenchOnly.updatedAt));
    expect(fiches.filter((fiche) => changeNoteIn(fiche, 'fr') === undefined).length).toBeGreaterThan(0);
  });
});

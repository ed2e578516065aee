import { describe, expect, it } from 'vitest';

import { departements, directionOf, isLocale, isUnitKey, localeCodes, locales, TranslationStatusSchema } from '../src';

describe('départements', () => {
  it('lists the 101 départements once each', () => {
    expect(departements).toHaveLength(101);
    expect(new Set(departements.map((d) => d.code)).size).toBe(101);
  });

  it('includes Corsica and the overseas départements', () => {
    const codes = departements.map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['2A', '2B', '971', '972', '973', '974', '976']));
    expect(codes).not.toContain('20');
  });

  it('spans the 18 regions', () => {
    expect(new Set(departements.map((d) => d.region)).size).toBe(18);
  });
});

describe('locales', () => {
  it('has French first, as the source language', () => {
    expect(localeCodes).toEqual(['fr', 'en', 'ar', 'ps', 'fa', 'ti', 'ru', 'uk']);
  });

  it('marks Arabic, Pashto and Persian as right-to-left only', () => {
    expect(locales.filter((locale) => locale.dir === 'rtl').map((locale) => locale.code)).toEqual(['ar', 'ps', 'fa']);
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('ti')).toBe('ltr');
  });

  it('recognises only its own codes', () => {
    expect(isLocale('uk')).toBe(true);
    expect(isLocale('de')).toBe(false);
    expect(isLocale('FR')).toBe(false);
  });
});

describe('translation unit keys', () => {
  it.each([
    ['title', true],
    ['summary', true],
    ['how.0', true],
    ['why.12', true],
    ['how', false],
    ['how.x', false],
    ['body.0', false],
    ['', false],
  ])('%j is a unit key: %s', (value, expected) => {
    expect(isUnitKey(value)).toBe(expected);
  });

  it('rejects statuses for French or for unknown units', () => {
    const unit = { state: 'validated', validatedAt: '2026-11-01T10:00:00.000Z' };
    expect(TranslationStatusSchema.safeParse({ ar: { title: unit, 'how.0': unit } }).success).toBe(true);
    expect(TranslationStatusSchema.safeParse({ fr: { title: unit } }).success).toBe(false);
    expect(TranslationStatusSchema.safeParse({ ar: { body: unit } }).success).toBe(false);
  });
});

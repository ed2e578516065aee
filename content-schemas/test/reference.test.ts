import { describe, expect, it } from 'vitest';

import { departements, directionOf, isLocale, localeCodes, locales } from '../src';

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
